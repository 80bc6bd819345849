// Hook cost: what one hooked Claude Code event costs with clearance's installed sh hook, against
// an empty shell hook (the floor for any command hook) and `node -e 0` (the floor for a Node hook),
// plus the older Node `clearance hook`. Medians of interleaved runs in the same process.
// Run: npm run build && node dist/bench/hook.bench.js [--runs 40] [--json]
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installHookScript } from '../src/writers/hook-script.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, HERE.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 40;

const dir = mkdtempSync(path.join(tmpdir(), 'clearance-hook-bench-'));
try {
  const empty = path.join(dir, 'empty.sh');
  writeFileSync(empty, '#!/bin/sh\nexit 0\n');
  chmodSync(empty, 0o755);
  const script = installHookScript({
    hookScript: path.join(dir, 'hook.sh'),
    spoolDir: path.join(dir, 'spool'),
  });
  const payload = JSON.stringify({
    session_id: '4f1c2a9e-0000-4000-8000-000000000001',
    transcript_path: '/home/u/.claude/projects/-home-u-work-app/4f1c2a9e.jsonl',
    cwd: '/home/u/work/app',
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command: 'cargo test -p core -- --nocapture', description: 'Run the core tests' },
    tool_use_id: 'toolu_01ABCDEFGHIJKLMNOPQRSTUV',
  });
  const contenders: [string, string, string[]][] = [
    ['empty sh hook', empty, []],
    ['node -e 0', process.execPath, ['-e', '0']],
    ['clearance sh hook', script, []],
    [
      'clearance hook (Node, older installs)',
      process.execPath,
      [path.join(ROOT, 'bin', 'clearance.js'), 'hook', '--home', dir],
    ],
  ];
  const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, command, argv] of contenders) {
      const started = performance.now();
      const result = spawnSync(command, argv, { input: payload, stdio: ['pipe', 'ignore', 'ignore'] });
      const ms = performance.now() - started;
      if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
      times.get(name)!.push(ms);
    }
  }
  const median = (list: number[]): number =>
    [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  const floorSh = median(times.get('empty sh hook')!);
  const floorNode = median(times.get('node -e 0')!);
  const rows = contenders.map(([name]) => {
    const ms = median(times.get(name)!);
    return {
      name,
      ms: Number(ms.toFixed(2)),
      vsEmptySh: Number((ms / floorSh).toFixed(2)),
      vsNodeE0: Number((ms / floorNode).toFixed(3)),
    };
  });
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ runs, rows })}\n`);
  else {
    process.stdout.write(`hook cost per event, median of ${runs} runs each (spawn to exit, same process)\n`);
    for (const r of rows)
      process.stdout.write(
        `  ${r.name.padEnd(40)} ${r.ms.toFixed(2).padStart(7)} ms   ×${r.vsEmptySh.toFixed(2)} empty sh   ×${r.vsNodeE0.toFixed(3)} node -e 0\n`,
      );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
