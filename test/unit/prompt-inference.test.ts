// "Was this call probably prompted?" where no hook or OTel record says so: the mode, the tool's
// nature and the matcher decide. Read tools prompt outside the project (recorded from the real
// client 2.1.328: `Read /etc/hosts` asks); acceptEdits covers edits inside the project only; for
// Bash the whole matcher's answer wins over the read-only shortcut (`cat /etc/hosts` asks).
import { describe, expect, it } from 'vitest';
import type { InferenceCall, PromptOracle } from '../../src/sources/prompt-inference.js';
import { inferPrompted } from '../../src/sources/prompt-inference.js';
import type { PermissionMode } from '../../src/core/types.js';

const PROJECT = '/home/u/proj';

const call = (
  tool: string,
  input: Record<string, unknown>,
  mode: PermissionMode = 'default',
): InferenceCall => ({
  tool,
  input,
  segments: [],
  compound: false,
  mode,
  project: PROJECT,
});

const oracle = (allowed: boolean, bashRuns?: boolean): PromptOracle => ({
  isReadOnlySegment: () => true,
  allowedByRules: () => allowed,
  ...(bashRuns === undefined ? {} : { bashRuns: () => bashRuns }),
});

describe('inferPrompted', () => {
  it.each([
    ['Read inside the project', call('Read', { file_path: `${PROJECT}/README.md` }), oracle(false), 0],
    ['Read by relative path', call('Read', { file_path: 'src/x.ts' }), oracle(false), 0],
    ['Read outside, no rule', call('Read', { file_path: '/etc/hosts' }), oracle(false), 1],
    ['Read outside via ..', call('Read', { file_path: `${PROJECT}/../x` }), oracle(false), 1],
    ['Read outside under a Read rule', call('Read', { file_path: '/etc/hosts' }), oracle(true), 0],
    ['Grep with no path', call('Grep', { pattern: 'x' }), oracle(false), 0],
    [
      'Edit in acceptEdits, inside',
      call('Edit', { file_path: `${PROJECT}/a.ts` }, 'acceptEdits'),
      oracle(false),
      0,
    ],
    [
      'Write in acceptEdits, outside',
      call('Write', { file_path: '/tmp/a' }, 'acceptEdits'),
      oracle(false),
      1,
    ],
    ['Bash the matcher runs', call('Bash', { command: 'ls' }), oracle(false, true), 0],
    ['Bash the matcher asks about', call('Bash', { command: 'cat /etc/hosts' }), oracle(false, false), 1],
    [
      'Bash in bypassPermissions',
      call('Bash', { command: 'rm x' }, 'bypassPermissions'),
      oracle(false, false),
      0,
    ],
  ])('%s', (_label, c, o, expected) => {
    expect(inferPrompted(c, o)).toBe(expected);
  });
});
