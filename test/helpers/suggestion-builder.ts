import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CommandContext, Flags } from '../../src/runtime/context.js';
import type { Suggestion } from '../../src/core/types.js';
import { detachedContext } from '../../src/app/detached-context.js';

let counter = 0;

/** A complete, plausible Suggestion; override what the test is about. */
export function suggestion(overrides: Partial<Suggestion> & Pick<Suggestion, 'rule' | 'target'>): Suggestion {
  counter += 1;
  return {
    id: `s${counter}`,
    kind: 'allow',
    replaces: [],
    scope: 'project',
    project: path.dirname(path.dirname(overrides.target)),
    level: 'subcommand',
    confidence: 0.9,
    confidenceInputs: null,
    evidence: {
      approvals: 12,
      denials: 0,
      sessions: 5,
      projects: 1,
      firstSeen: '2026-10-01T09:00:00.000Z',
      lastSeen: '2026-11-20T17:30:00.000Z',
    },
    risk: 'build-test',
    promptsSaved: 12,
    deniedCovered: 0,
    examples: ['cargo test -p core', 'PGPASSWORD=hunter2 cargo test --all'],
    alsoMatches: [],
    reason: 'approved 12 times in 5 sessions, never denied',
    history: [],
    alternatives: [],
    ...overrides,
  };
}

/** A temp home with an isolated state dir, and a CommandContext for the apply service. */
export function testContext(
  options: { home?: string; flags?: Partial<Flags>; args?: string[] } = {},
): CommandContext & {
  home: string;
  out: () => string;
} {
  const home = options.home ?? mkdtempSync(path.join(tmpdir(), 'clearance-apply-'));
  let out = '';
  const ctx = detachedContext({
    home,
    now: new Date('2026-11-24T04:40:00Z'),
    flags: { scan: false, ...options.flags },
    args: options.args ?? [],
    io: {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (out += t) },
      stdin: Readable.from([]),
    },
  });
  return { ...ctx, home, out: () => out };
}
