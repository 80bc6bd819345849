// Re-make the real-client recordings the evidence tests read (test/fixtures/real-client/):
// `npm run record-evidence` (needs the pinned client: `npm run real-client`, and tmux for the
// interactive session). Skipped unless RECORD_EVIDENCE=1: recordings are committed, not re-made
// on every test run, so a new client version shows up as a reviewed diff.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientRun, PreparedClientRun } from '../../src/sources/claude-client/run-client.js';
import { prepareClientRun, runClient } from '../../src/sources/claude-client/run-client.js';
import { realClientOrSkip } from '../helpers/real-client.js';
import {
  AUTO_SCRIPT,
  AUTO_SETTINGS,
  HEADLESS_SCRIPT,
  HEADLESS_SETTINGS,
  INTERACTIVE_ANSWERS,
  INTERACTIVE_SCRIPT,
  SUBAGENT_MARKER,
  SUBAGENT_SCRIPT,
  stablePaths,
} from '../helpers/evidence-recorder.js';

const OUT = path.resolve(import.meta.dirname, '..', 'fixtures', 'real-client');
const HOOKS = ['PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure'];
const recording = process.env.RECORD_EVIDENCE === '1';
const binary = recording ? realClientOrSkip() : null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every transcript file of the run (main session and subagents), paths relative to the projects dir. */
function transcripts(run: ClientRun): Record<string, string[]> {
  const root = path.join(run.home, '.claude', 'projects');
  const out: Record<string, string[]> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.jsonl') || e.name.endsWith('.meta.json'))
        out[path.relative(root, full)] = readFileSync(full, 'utf8')
          .split('\n')
          .filter((l) => l !== '');
    }
  };
  walk(root);
  return out;
}

/** Write one recording: transcripts as .jsonl files, hooks as .jsonl, OTel as .json, settings after. */
function save(name: string, run: ClientRun, extra: Record<string, unknown> = {}): void {
  const fix = (text: string) => stablePaths(text, run.dir, run.home, run.project);
  const dir = path.join(OUT, `${run.version}-${name}`);
  // a new recording replaces the old one whole (its session ids differ)
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [rel, lines] of Object.entries(transcripts(run))) {
    const file = path.join(dir, 'projects', fix(rel));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${lines.map(fix).join('\n')}\n`);
  }
  writeFileSync(
    path.join(dir, 'hooks.jsonl'),
    run.hookEvents.map((e) => fix(JSON.stringify(e))).join('\n') + (run.hookEvents.length ? '\n' : ''),
  );
  writeFileSync(path.join(dir, 'otel.json'), `${fix(JSON.stringify(run.otelEvents, null, 1))}\n`);
  // the run was kept only to be read here
  const cleanup = (): void => rmSync(run.dir, { recursive: true, force: true });
  const local = path.join(run.project, '.claude', 'settings.local.json');
  let localAfter: unknown = null;
  try {
    localAfter = JSON.parse(readFileSync(local, 'utf8'));
  } catch {
    localAfter = null;
  }
  writeFileSync(
    path.join(dir, 'session.json'),
    `${fix(JSON.stringify({ version: run.version, calls: run.calls, localSettingsAfter: localAfter, ...extra }, null, 1))}\n`,
  );
  cleanup();
}

function q(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/** Drive an interactive session under tmux, answering each prompt as `answers` says. */
async function driveInteractive(
  run: PreparedClientRun,
  answers: typeof INTERACTIVE_ANSWERS,
): Promise<string[]> {
  const sh = path.join(run.dir, 'start.sh');
  const exports = Object.entries(run.env).map(([k, v]) => `export ${k}=${q(v)}`);
  writeFileSync(
    sh,
    `#!/bin/sh\ncd ${q(run.project)}\n${exports.join('\n')}\nexec ${[run.command[0], ...run.command[1]].map(q).join(' ')}\n`,
    { mode: 0o755 },
  );
  const session = `clearance-rec-${process.pid}`;
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '200', '-y', '50', sh]);
  const screens: string[] = [];
  const pending = [...answers];
  try {
    for (let i = 0; i < 240; i += 1) {
      await sleep(500);
      let screen: string;
      try {
        screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });
      } catch {
        break;
      }
      if (screen.includes('Do you want to')) {
        const answer = pending.find((a) => screen.includes(a.when));
        if (!answer) throw new Error(`an unexpected prompt:\n${screen}`);
        screens.push(screen);
        pending.splice(pending.indexOf(answer), 1);
        execFileSync('tmux', ['send-keys', '-t', session, ...answer.keys]);
        // a No or an Esc stops the turn: the session waits for the user, who says go on
        if (answer.keys[0] === '4' || answer.keys[0] === 'Escape') {
          await sleep(1500);
          execFileSync('tmux', ['send-keys', '-t', session, '-l', 'continue']);
          await sleep(300);
          execFileSync('tmux', ['send-keys', '-t', session, 'Enter']);
        }
        await sleep(1000);
        continue;
      }
      if (pending.length === 0 && /● done/.test(screen)) break;
    }
    expect(pending.map((a) => a.when)).toEqual([]);
  } finally {
    try {
      execFileSync('tmux', ['kill-session', '-t', session]);
    } catch {
      // already gone
    }
  }
  return screens;
}

describe.skipIf(!binary)('record the real client for the evidence tests', () => {
  it('a headless run with rules, refusals, a batch, a subagent, hooks and OTel', async () => {
    const run = await runClient({
      binary: binary!,
      script: HEADLESS_SCRIPT,
      settings: HEADLESS_SETTINGS,
      hooks: HOOKS,
      otel: true,
      keep: true,
      subagent: { marker: SUBAGENT_MARKER, script: SUBAGENT_SCRIPT },
    });
    save('headless', run);
  }, 300_000);

  it('an auto-mode run (the classifier unreachable offline)', async () => {
    const run = await runClient({
      binary: binary!,
      script: AUTO_SCRIPT,
      settings: AUTO_SETTINGS,
      mode: 'auto',
      hooks: HOOKS,
      otel: true,
      keep: true,
    });
    save('auto', run);
  }, 300_000);

  it('an interactive session: Yes, don\u2019t ask again, No, Esc, a batch with a No', async () => {
    const prepared = await prepareClientRun({
      binary: binary!,
      interactive: true,
      script: INTERACTIVE_SCRIPT,
      hooks: HOOKS,
      otel: true,
      keep: true,
    });
    try {
      const screens = await driveInteractive(prepared, INTERACTIVE_ANSWERS);
      const run = await prepared.collect('');
      save('interactive', run, {
        prompts: screens.map((s) => stablePaths(s, run.dir, run.home, run.project)),
      });
    } finally {
      await prepared.close();
    }
  }, 300_000);
});
