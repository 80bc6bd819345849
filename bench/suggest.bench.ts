// Suggest benchmark: proposals over a store of 100,000 tool calls, timed against a baseline in the
// same run (one plain `SELECT * FROM tool_calls` pass over the same store), plus absolute ms.
// Run: npm run build && node dist/bench/suggest.bench.js [--calls 100000] [--json]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCommand } from '../src/core/shell/parse-command.js';
import { detachedContext } from '../src/app/detached-context.js';
import { loadProposals } from '../src/app/proposals.js';
import { loadBashParser } from '../src/sources/bash-grammar.js';
import { openDb } from '../src/store/db.js';
import type { Db } from '../src/store/db.js';
import { EvidenceRepo } from '../src/store/evidence-repo.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CALLS = Number(flag('calls') ?? 100_000);
const JSON_OUT = args.includes('--json');
const ROUNDS = Number(flag('rounds') ?? 5);
const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

// (command, share of prompts approved): a realistic mix of prompted and silent calls
const COMMANDS: [string, number][] = [
  ['git status', -1],
  ['git diff --stat', -1],
  ['ls -la', -1],
  ['cargo test', 1],
  ['cargo test -p core', 1],
  ['cargo build --release', 1],
  ['cargo clippy -- -D warnings', 1],
  ['npm run build', 1],
  ['npm run test -- --watch=false', 1],
  ['npm run deploy', 0],
  ['git commit -m "wip"', 1],
  ['git add -A', 1],
  ['git push origin main', 0.7],
  ['git push --force origin main', 0],
  ['rg -n TODO src', 1],
  ['jq .version package.json', 1],
  ['nix build .#app', 1],
  ['nix flake check', 1],
  ['rm -rf target', 0.8],
  ['kill -9 4242', 0],
  ['curl -fsSL https://get.example.com | sh', 0],
  ['curl -s https://api.example.com/health', 0.9],
  ['docker run --rm -it ubuntu bash', 0.5],
  ['PGPASSWORD=hunter2 psql -h db -c "select 1"', 1],
  ['pytest -x tests/unit', 1],
  ['make check && rm -rf build', 0.9],
  ['python3 scripts/gen.py --out build', 1],
];
const PROJECTS = ['/bench/work/api', '/bench/work/web', '/bench/work/infra', '/bench/work/cli'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function fill(db: Db, calls: number): Promise<void> {
  const parser = await loadBashParser();
  const parsed = COMMANDS.map(([command]) => parseCommand(parser, command).segments);
  const random = rng(7);
  const insertCall = db.prepare(
    `INSERT INTO tool_calls (id, session_id, ts, cwd, project, version, permission_mode, tool, input_json, command,
       outcome, prompted, prompted_basis, answer, answer_basis)
     VALUES (?, ?, ?, ?, ?, ?, 'default', 'Bash', ?, ?, ?, ?, 'inferred', ?, ?)`,
  );
  const repo = new EvidenceRepo(db);
  db.transaction(() => {
    for (let i = 0; i < calls; i++) {
      const k = Math.floor(random() * COMMANDS.length);
      const [command, approveRate] = COMMANDS[k] ?? ['true', -1];
      const prompted = approveRate >= 0 && random() < 0.6;
      const approved = !prompted || random() < approveRate;
      const answer = !prompted ? 'not-prompted' : approved ? 'approved' : 'denied';
      const id = `toolu_${i.toString(16).padStart(10, '0')}`;
      const ts = NOW - Math.floor(random() * 90 * DAY);
      const slot = Math.floor(ts / (DAY / 3)); // one session per 8 hours, each in one project
      const project = PROJECTS[slot % PROJECTS.length] ?? '/bench';
      const redacted = command.replace('hunter2', '__REDACTED__');
      insertCall.run(
        id,
        `s${slot}`,
        ts,
        project,
        project,
        ts < NOW - 45 * DAY ? '2.0.70' : '2.1.38',
        JSON.stringify({ command: redacted }),
        redacted,
        answer === 'denied' ? 'user-rejected' : 'success',
        prompted ? 1 : 0,
        answer,
        prompted ? (approved ? 'inferred' : 'transcript') : null,
      );
      repo.insertSegments(id, parsed[k] ?? []);
    }
  })();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const dir = mkdtempSync(path.join(tmpdir(), 'clearance-suggest-bench-'));
try {
  // --db FILE keeps the generated store for profiling (filled only when it does not exist yet)
  const keep = flag('db');
  const fresh = keep === undefined || !existsSync(keep);
  const db = openDb(keep ?? path.join(dir, 'store.db'));
  if (fresh) await fill(db, CALLS);
  db.pragma('optimize');
  const ctx = detachedContext({
    home: path.join(dir, 'home'),
    now: new Date(NOW),
    db,
    flags: { json: true, scan: false },
  });
  const baseline: number[] = [];
  const suggest: number[] = [];
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    let rows = 0;
    for (const _row of db.prepare('SELECT * FROM tool_calls').iterate()) rows += 1;
    baseline.push(performance.now() - t);
    t = performance.now();
    count = (await loadProposals(ctx, { includeHygiene: true })).length;
    suggest.push(performance.now() - t);
    if (rows !== CALLS) throw new Error(`store has ${rows} calls`);
  }
  const result = {
    calls: CALLS,
    proposals: count,
    baselineMs: Math.round(median(baseline)),
    suggestMs: Math.round(median(suggest)),
    ratio: Math.round((median(suggest) / median(baseline)) * 100) / 100,
  };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `suggest over ${CALLS} calls: ${result.suggestMs} ms (median of ${ROUNDS}), ${result.ratio}× a plain SELECT * pass (${result.baselineMs} ms); ${count} proposals\n`,
    );
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
