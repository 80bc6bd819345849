import { it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { startOtlpReceiver } from '../../src/sources/otlp-receiver.js';
import { execSync } from 'node:child_process';
it('dbg', async () => {
  const db = openDb(':memory:');
  const r = await startOtlpReceiver({ db, port: 0 });
  try { console.log(execSync(`curl -sS -i -X GET http://127.0.0.1:${r.port}/v1/logs 2>&1; curl -sS -i -X GET -H 'content-type: application/json' --data-binary '{}' http://127.0.0.1:${r.port}/v1/logs 2>&1`).toString()); } catch (e) { console.log(String(e)); }
  await r.close();
});
