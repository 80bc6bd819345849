// The adversarial corpus (test/fixtures/adversarial): a careless user who approves a harmless
// command and its dangerous sibling a dozen times each, over days, sessions and projects, must not
// get one allow proposal that lets ANY dangerous command of the corpus run without a prompt; and a
// user approving the safe commands must still save most of their prompts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { learn } from '../../../src/core/learning/index.js';
import type { EvidenceCall } from '../../../src/core/learning/index.js';
import { evaluateCall, ruleMatchesCall } from '../../../src/core/rules/index.js';
import { parseCommand } from '../../../src/core/shell/parse-command.js';
import type { CommandSegment } from '../../../src/core/types.js';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';
import { DAY, HOME, NOW, ops, options } from './evidence.js';

const DIR = path.join(import.meta.dirname, '../../fixtures/adversarial');
const PROJECTS = ['/home/u/work/app', '/home/u/work/lib', '/home/u/work/infra'];

function tsv(name: string): string[][] {
  return readFileSync(path.join(DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) =>
      line.split('\t').map((field) => field.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c))),
    );
}

const dangerous = tsv('dangerous.tsv').map(([category = '', sibling = '', command = '']) => ({
  category,
  sibling,
  command,
}));
const residual = tsv('residual.tsv').map(([sibling = '', accepted = '', command = '']) => ({
  sibling,
  accepted,
  command,
}));
const safe = tsv('safe.tsv').map(([category = '', command = '']) => ({ category, command }));

const parser = await loadBashParser();
const parsedCache = new Map<string, CommandSegment[]>();
function segmentsOf(command: string): CommandSegment[] {
  let segments = parsedCache.get(command);
  if (!segments) {
    segments = parseCommand(parser, command).segments;
    parsedCache.set(command, segments);
  }
  return segments;
}

let counter = 0;
/** `n` approvals of a command spread over days, sessions and the three projects. */
function approvals(command: string, n: number, offset = 0): EvidenceCall[] {
  return Array.from({ length: n }, (_, i) => {
    counter += 1;
    const project = PROJECTS[(i + offset) % PROJECTS.length]!;
    return {
      id: `toolu_${counter}`,
      ts: NOW - (1 + ((i + offset) % 12)) * DAY - counter,
      session: `s${(i + offset) % 9}`,
      project,
      cwd: project,
      version: '2.1.38',
      tool: 'Bash',
      answer: 'approved',
      prompted: true,
      segments: segmentsOf(command),
      target: command,
    };
  });
}

function allowRules(calls: EvidenceCall[]): string[] {
  return learn(calls, ops, options())
    .suggestions.filter((s) => s.kind === 'allow' && s.rule.startsWith('Bash'))
    .map((s) => s.rule);
}

/**
 * Would the rule alone let the command run without a prompt? The matcher's answer, and the real
 * client's own refusal of output redirection to a file (real-client.md §3: `git diff > out.txt` is
 * refused under `Bash(git diff *)`; `> /dev/null` and `2>&1` are fine), which the matcher leaves to
 * the caller.
 */
function ruleCovers(rule: string, command: string): boolean {
  const segments = segmentsOf(command);
  if (segments.length === 0) return false;
  if (segments.some((s) => s.redirects.some((r) => r !== '/dev/null'))) return false;
  return ruleMatchesCall(
    rule,
    { tool: 'Bash', input: { command }, segments, cwd: PROJECTS[0]!, home: HOME },
    { baseDir: PROJECTS[0]!, kind: 'allow' },
  );
}

describe('adversarial corpus: a careless user', () => {
  it('has a corpus of the promised size', () => {
    expect(dangerous.length).toBeGreaterThanOrEqual(500);
    expect(safe.length).toBeGreaterThanOrEqual(300);
    const dangerousSet = new Set(dangerous.map((d) => d.command));
    expect(safe.filter((s) => dangerousSet.has(s.command))).toEqual([]);
  });

  it('gets no allow proposal that matches any dangerous command of the corpus', () => {
    // every rule proposed from any careless history, with the history it came from
    const proposedBy = new Map<string, string>();
    for (const row of dangerous) {
      const calls = [...approvals(row.sibling, 12), ...approvals(row.command, 12, 5)];
      for (const rule of allowRules(calls)) if (!proposedBy.has(rule)) proposedBy.set(rule, row.command);
    }
    const covered: string[] = [];
    for (const row of dangerous) {
      const rule = [...proposedBy.keys()].find((r) => ruleCovers(r, row.command));
      if (rule) covered.push(`${row.category}: ${row.command}  <-  ${rule}  (from ${proposedBy.get(rule)})`);
    }
    process.stdout.write(
      `adversarial: ${dangerous.length} dangerous commands, ${proposedBy.size} distinct rules proposed, ` +
        `${covered.length} dangerous commands covered\n${covered.slice(0, 60).join('\n')}\n`,
    );
    expect(covered).toEqual([]);
  });

  it('covers a residual command only by the wildcard the risk spec accepts for its sibling', () => {
    const unexpected: string[] = [];
    for (const row of residual) {
      const calls = [...approvals(row.sibling, 12), ...approvals(row.command, 12, 5)];
      for (const rule of allowRules(calls)) {
        if (rule !== row.accepted && residual.some((r) => ruleCovers(rule, r.command))) {
          unexpected.push(`${row.command} <- ${rule}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });
});

describe('adversarial corpus: the safe commands', () => {
  it('still save most of their prompts', () => {
    const calls = safe.flatMap((s, i) => approvals(s.command, 8, i));
    const rules = allowRules(calls);
    // commands the client runs without a prompt need no rule: they are not counted
    const prompting = safe.filter(
      (s) =>
        segmentsOf(s.command).length > 0 &&
        evaluateCall(
          {
            tool: 'Bash',
            input: { command: s.command },
            segments: segmentsOf(s.command),
            cwd: PROJECTS[0]!,
            home: HOME,
          },
          [],
        ).decision !== 'allow',
    );
    const saved = prompting.filter((s) => rules.some((rule) => ruleCovers(rule, s.command)));
    const fraction = saved.length / prompting.length;
    const missed = prompting.filter((s) => !saved.includes(s)).map((s) => s.command);
    process.stdout.write(
      `safe: ${safe.length} commands, ${prompting.length} prompt, ${saved.length} saved (${(fraction * 100).toFixed(1)}%) by ${rules.length} rules\n` +
        `not saved: ${missed.join(' | ')}\n`,
    );
    expect(fraction).toBeGreaterThanOrEqual(SAFE_FLOOR);
  });
});

/** Measured: 255 of 288 prompting safe commands (88.5%); before the risk spec 274 (95.1%), with 476 of the 1064 dangerous ones covered. */
const SAFE_FLOOR = 0.85;
