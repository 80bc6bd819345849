// Crash safety against a real kill -9: a child process applies and reverts a rule in a tight loop
// and is killed at seeded random moments. After every kill the settings file must parse and be
// exactly the old or the new complete content; leftover temp files must never be taken for the
// settings file, and the next run cleans them up.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { undoApply } from '../../src/app/apply.js';
import { cleanStaleTemps } from '../../src/writers/settings-writer.js';
import { testContext } from '../helpers/suggestion-builder.js';

const ROOT = path.join(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/apply/company-config.json');
// the apply service and everything it imports (core, store, writers); each file transpiles alone
const SOURCES = [
  ...['src/runtime', 'src/app', 'src/sources', 'src/core', 'src/store', 'src/writers'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `${dir}/${f}`),
  ),
];
const ITERATIONS = 50;
const UNDO_ITERATIONS = 30;

const CHILD = `
import { planSettingsFile, writeSettingsFile } from './src/writers/settings-writer.js';
const [file, state] = process.argv.slice(2);
const rule = 'Bash(cargo test *)';
const add = [{ op: 'add', list: 'allow', rule }];
const remove = [{ op: 'remove', list: 'allow', rule }];
for (let i = 0; ; i++) {
  const edits = i % 2 === 0 ? add : remove;
  const outcome = writeSettingsFile(planSettingsFile(file, edits), edits, { backupDir: state + '/b' + (i % 4) });
  if (outcome.status === 'refused') { process.stderr.write(String(outcome.reason) + '\\n'); process.exit(3); }
  if (i === 1) process.stdout.write('ready\\n');
}
`;

// The whole apply service in a loop: apply a rule (backup, write, audit, record), undo it, again.
const APPLY_CHILD = `
import { executeApply, planApply, undoApply } from './src/app/apply.js';
import { detachedContext } from './src/app/detached-context.js';
const [home, file] = process.argv.slice(2);
const ctx = detachedContext({ home, now: new Date('2026-11-24T04:40:00Z') });
const s = {
  id: 'k9cargo', kind: 'allow', rule: 'Bash(cargo test *)', replaces: [], target: file, scope: 'project',
  project: null, level: 'subcommand', confidence: 0.9, confidenceInputs: null,
  evidence: { approvals: 12, denials: 0, sessions: 5, projects: 1, firstSeen: null, lastSeen: null },
  risk: 'build-test', promptsSaved: 12, deniedCovered: 0, examples: [], alsoMatches: [], reason: '',
  history: [], alternatives: [],
};
for (let i = 0; ; i++) {
  const result = await executeApply(ctx, planApply(ctx, [s], { useDecisionMemory: false }), 'yes');
  if (result.refused.length > 0) { process.stderr.write(JSON.stringify(result.refused) + '\\n'); process.exit(3); }
  if (i === 0) process.stdout.write('ready\\n');
  const undone = await undoApply(ctx);
  if (undone.kept.length > 0) { process.stderr.write(JSON.stringify(undone.kept) + '\\n'); process.exit(4); }
}
`;

/** mulberry32: a small seeded generator, so a failing kill point can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let build = '';

beforeAll(() => {
  // transpile only what the child needs (no tsx in the tree); imports already end in .js
  build = mkdtempSync(path.join(tmpdir(), 'clearance-kill9-build-'));
  for (const source of SOURCES) {
    const out = path.join(build, source.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    const js = ts.transpileModule(readFileSync(path.join(ROOT, source), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    writeFileSync(out, js);
  }
  writeFileSync(path.join(build, 'package.json'), '{"type":"module"}');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(build, 'node_modules'));
  writeFileSync(path.join(build, 'child.js'), CHILD);
  writeFileSync(path.join(build, 'apply-child.js'), APPLY_CHILD);
});

/** Run the child until it has written twice, wait `delayMs`, then SIGKILL it. */
function killDuringApply(file: string, state: string, delayMs: number, script = 'child.js'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(build, script), file, state], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}: ${err}`));
  });
}

describe('kill -9 during apply', () => {
  it(`leaves the old or the new complete file at ${ITERATIONS} seeded random kill points`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clearance-kill9-'));
    const file = path.join(dir, '.claude', 'settings.json');
    const state = path.join(dir, 'state');
    mkdirSync(path.dirname(file));
    copyFileSync(FIXTURE, file);
    chmodSync(file, 0o644);
    const old = readFileSync(file, 'utf8');
    const next = old.replace('"WebSearch"\n', '"WebSearch",\n      "Bash(cargo test *)"\n');
    const rand = random(20261124);
    const seen = { old: 0, new: 0, leftoverTemps: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const signal = await killDuringApply(file, state, Math.floor(rand() * 15));
      expect(signal).toBe('SIGKILL');
      const content = readFileSync(file, 'utf8');
      expect([old, next]).toContain(content);
      expect(() => JSON.parse(content) as unknown).not.toThrow();
      seen[content === old ? 'old' : 'new'] += 1;
      const temps = readdirSync(path.dirname(file)).filter((n) => n !== 'settings.json');
      seen.leftoverTemps += temps.length;
      expect(temps.every((n) => /^\.settings\.json\.clearance-\d+-\d+\.tmp$/.test(n))).toBe(true);
      cleanStaleTemps(file);
      expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
    }
    // both outcomes really happened, so the kills landed mid-loop rather than before or after it
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 120_000);

  it('every state a kill leaves behind is undoable: after undo the file is the original again', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'clearance-kill9-undo-'));
    const file = path.join(home, 'code', 'p', '.claude', 'settings.local.json');
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(FIXTURE, file);
    chmodSync(file, 0o644);
    const old = readFileSync(file, 'utf8');
    const ctx = testContext({ home });
    const rand = random(20261202);
    const seen = { old: 0, new: 0 };
    for (let i = 0; i < UNDO_ITERATIONS; i++) {
      // argv order of the apply child: home, then the settings file
      const signal = await killDuringApply(home, file, 20 + Math.floor(rand() * 60), 'apply-child.js');
      expect(signal).toBe('SIGKILL');
      const content = readFileSync(file, 'utf8');
      seen[content === old ? 'old' : 'new'] += 1;
      if (content !== old) {
        // the kill left the rule written: undo must know about it and restore the original
        const result = await undoApply(ctx);
        expect(result.kept).toEqual([]);
      }
      expect(readFileSync(file, 'utf8')).toBe(old);
    }
    expect(seen.new).toBeGreaterThan(0);
    expect(seen.old).toBeGreaterThan(0);
    ctx.openStore().close();
    rmSync(home, { recursive: true, force: true });
  }, 180_000);
});
