// Replay benchmark on the generated corpus (bench/corpus.ts: a seeded, realistic home with a
// hidden user policy): learn from everything up to 14 days before the corpus end, then measure the
// last 14 days — fraction of approved prompts the proposed rules remove, denied calls they would
// have auto-approved (must be 0), risky rules proposed (must be 0), and the number of rules.
// Run: npm run build && node dist/bench/replay.bench.js [--days 90] [--seed 42] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detachedContext } from '../src/app/detached-context.js';
import { loadReplay } from '../src/app/proposals.js';
import { runScan } from '../src/sources/scan.js';
import { generateCorpus } from './corpus.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DAYS = Number(flag('days') ?? 90);
const SEED = Number(flag('seed') ?? 42);
const JSON_OUT = args.includes('--json');
// --hooks: the corpus also writes the hook spool (exact prompts) for every session
const HOOKS = args.includes('--hooks');
const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

const dir = mkdtempSync(path.join(tmpdir(), 'clearance-replay-bench-'));
try {
  const home = path.join(dir, 'home');
  const corpus = await generateCorpus(home, {
    seed: SEED,
    days: DAYS,
    now: NOW,
    hookSpoolFrom: HOOKS ? new Date(NOW.getTime() - (DAYS + 1) * DAY).toISOString() : null,
  });
  const ctx = detachedContext({ home, now: NOW, dbFile: path.join(dir, 'store.db'), flags: { json: true } });
  const scan = await runScan(ctx);
  const started = performance.now();
  const report = await loadReplay(ctx, new Date(NOW.getTime() - 14 * DAY));
  const ms = performance.now() - started;
  ctx.openStore().close();
  const result = {
    corpus: {
      seed: SEED,
      days: DAYS,
      sessions: corpus.sessions,
      toolCalls: scan.toolCalls,
      prompts: scan.prompts,
      denials: scan.denials,
    },
    trainUntil: report.trainUntil,
    laterPrompts: report.laterPrompts,
    promptsRemoved: report.promptsRemoved,
    fractionRemoved: report.fractionRemoved,
    deniedCalls: report.deniedCalls,
    deniedAutoApproved: report.deniedAutoApproved,
    riskyRules: report.riskyRules,
    rules: report.rules,
    replayMs: Math.round(ms),
    perRule: report.perRule.map((r) => ({
      rule: r.rule,
      scope: r.scope,
      removed: r.promptsRemoved,
      denied: r.deniedAutoApproved,
    })),
  };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const pct = (result.fractionRemoved * 100).toFixed(1);
    process.stdout.write(
      [
        `corpus: seed ${SEED}, ${DAYS} days,${HOOKS ? ' hook spool,' : ''} ${corpus.sessions} sessions, ${scan.toolCalls} calls, ${scan.prompts} prompts, ${scan.denials} denials`,
        `trained until ${result.trainUntil}; evaluated on the last 14 days`,
        `prompts removed:            ${result.promptsRemoved} / ${result.laterPrompts} (${pct}%)`,
        `denied calls auto-approved: ${result.deniedAutoApproved} / ${result.deniedCalls} (must be 0)`,
        `risky rules proposed:       ${result.riskyRules} (must be 0)`,
        `rules proposed:             ${result.rules}`,
        ...result.perRule.map((r) => `  ${String(r.removed).padStart(5)}  ${r.rule}  [${r.scope}]`),
        '',
      ].join('\n'),
    );
  }
  process.exitCode = result.deniedAutoApproved === 0 && result.riskyRules === 0 ? 0 : 1;
} finally {
  // --keep leaves the home and store for inspection
  if (args.includes('--keep')) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
