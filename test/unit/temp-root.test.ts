import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('test temp dirs', () => {
  it('land in the per-run temp root the global setup removes, never directly in /tmp', () => {
    expect(path.basename(tmpdir())).toMatch(/^cl-run-/);
  });
});
