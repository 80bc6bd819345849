// Shell model + rule matcher benchmark: parseCommand against the raw tree-sitter parse it wraps, and
// evaluateCall against a naive linear scan of the same rules, both measured in the same run.
// Run: npm run build && node dist/bench/shell-rules.bench.js [--calls 20000] [--rules 100] [--json]
import type { RuleSource } from '../src/core/rules/index.js';
import { evaluateCall } from '../src/core/rules/index.js';
import { parseCommand } from '../src/core/shell/index.js';
import type { CommandSegment } from '../src/core/types.js';
import { loadBashParser } from '../src/sources/bash-grammar.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const CALLS = Number(flag('calls') ?? 20_000);
const RULES = Number(flag('rules') ?? 100);
const JSON_OUT = args.includes('--json');

// A mix of the shapes real transcripts carry: pipelines, compounds, wrappers, heredocs, nesting.
const COMMANDS = [
  'git status',
  'git diff --stat && git log --oneline -5',
  'timeout 120 cargo test --all 2>&1 | tail -40',
  'npm run build 2>&1 | head -80',
  'cd crates/core && cargo clippy -- -D warnings',
  'bash -c \'for f in *.json; do jq . "$f" > /dev/null; done\'',
  'nix shell nixpkgs#jq --command jq .version package.json',
  'git commit -m "$(cat <<\'EOF\'\nfix: thing\n\nbody\nEOF\n)"',
  'find . -name "*.ts" | xargs rg -n TODO',
  'PGPASSWORD=x psql -h localhost -c "select 1"',
  'docker compose -f compose.yml up -d && docker compose logs --tail 50',
  'rm -rf node_modules && npm ci',
];

function time(fn: () => void): number {
  fn(); // warm-up
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const parser = await loadBashParser();
const commands = Array.from(
  { length: CALLS },
  (_, i) => `${COMMANDS[i % COMMANDS.length]!}${i % 5 === 0 ? ` #${i}` : ''}`,
);

const rawMs = time(() => {
  for (const c of commands) parser.parse(c)?.delete();
});
let parsed: CommandSegment[][] = [];
const parseMs = time(() => {
  parsed = commands.map((c) => parseCommand(parser, c).segments);
});

const sources: RuleSource[] = [
  {
    path: '/home/u/.claude/settings.json',
    scope: 'user',
    baseDir: '/home/u/.claude',
    allow: [
      ...Array.from({ length: RULES }, (_, i) => `Bash(tool${i} *)`),
      'Bash(cargo test *)',
      'Bash(npm run build:*)',
    ],
    ask: ['Bash(git push *)'],
    deny: ['Bash(curl *)', 'Read(./.env)'],
  },
];
const allRules = [...sources[0]!.allow, ...sources[0]!.ask, ...sources[0]!.deny];

let hits = 0;
const naiveMs = time(() => {
  hits = 0;
  for (const c of commands) if (allRules.some((r) => c.includes(r.slice(5, 9)))) hits += 1;
});
let allowed = 0;
const evalMs = time(() => {
  allowed = 0;
  for (let i = 0; i < commands.length; i += 1) {
    const call = {
      tool: 'Bash',
      input: { command: commands[i]! },
      segments: parsed[i]!,
      cwd: '/p',
      home: '/home/u',
    };
    if (evaluateCall(call, sources).decision === 'allow') allowed += 1;
  }
});

const result = {
  calls: CALLS,
  rules: allRules.length,
  parse: {
    msPerCommand: parseMs / CALLS,
    rawTreeSitterMsPerCommand: rawMs / CALLS,
    ratioToRaw: parseMs / rawMs,
  },
  evaluate: {
    msPerCall: evalMs / CALLS,
    naiveScanMsPerCall: naiveMs / CALLS,
    ratioToNaive: evalMs / naiveMs,
  },
  allowed,
  naiveHits: hits,
};
if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    [
      `parseCommand: ${result.parse.msPerCommand.toFixed(4)} ms/command (${result.parse.ratioToRaw.toFixed(1)}× the raw tree-sitter parse)`,
      `evaluateCall: ${result.evaluate.msPerCall.toFixed(4)} ms/call over ${result.rules} rules (${result.evaluate.ratioToNaive.toFixed(1)}× a naive substring scan)`,
      `allowed ${allowed}/${CALLS}`,
      '',
    ].join('\n'),
  );
}
