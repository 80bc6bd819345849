// Recordings of the real client for the evidence tests (issue 12): what Claude Code 2.1.328 writes
// to its transcript, its hooks and its OpenTelemetry export for known sessions. Re-made with
// `npm run record-evidence` (test/conformance/record-evidence.test.ts); the throwaway paths are
// rewritten to `/rec/home` and `/rec/home/proj` so tests can place the files wherever they like.
import type { Script } from '../../src/sources/claude-client/stand-in-api.js';

/** Placeholders the recordings use for the throwaway home and project. */
export const REC_HOME = '/rec/home';
export const REC_PROJECT = '/rec/home/proj';

/** Rewrite the throwaway paths (and the stand-in's port) in recorded text to stable placeholders. */
export function stablePaths(text: string, dir: string, home: string, project: string): string {
  return text
    .replaceAll(project, REC_PROJECT)
    .replaceAll(home, REC_HOME)
    .replaceAll(dir, '/rec')
    .replaceAll(project.replace(/[^A-Za-z0-9]/g, '-'), REC_PROJECT.replace(/[^A-Za-z0-9]/g, '-'))
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:0');
}

/** The rules of the headless session: a whole-command rule, a wildcard rule, a deny and an ask rule. */
export const HEADLESS_SETTINGS = {
  local: {
    permissions: {
      allow: ['Bash(npm run *)', 'Bash(cargo test)'],
      deny: ['Bash(rm *)'],
      ask: ['Bash(git push *)'],
    },
  },
};

const bash = (id: string, command: string) => ({ id, tool: 'Bash', input: { command, description: id } });

/** One call a turn, then a parallel batch, then a subagent (see SUBAGENT_SCRIPT). */
export const HEADLESS_SCRIPT: Script = [
  [bash('toolu_h_status', 'git status')],
  [bash('toolu_h_npm', 'npm run build')],
  [bash('toolu_h_cargo', 'cargo test')],
  [bash('toolu_h_rm', 'rm -rf build')],
  [bash('toolu_h_make', 'make deploy')],
  [bash('toolu_h_cdgit', 'cd src && git status')],
  [bash('toolu_h_push', 'git push origin main')],
  [bash('toolu_h_complex', 'X=$Y ls')],
  [{ id: 'toolu_h_write', tool: 'Write', input: { file_path: '{P}/notes.txt', content: 'hello\n' } }],
  [
    bash('toolu_h_b_status', 'git log -1'),
    bash('toolu_h_b_make', 'make lint'),
    bash('toolu_h_b_npm', 'npm run test'),
  ],
  [
    {
      id: 'toolu_h_agent',
      tool: 'Agent',
      input: {
        description: 'sub',
        prompt: 'SUBAGENT-SCRIPT: run the calls',
        subagent_type: 'general-purpose',
      },
    },
  ],
];

export const SUBAGENT_MARKER = 'SUBAGENT-SCRIPT';
export const SUBAGENT_SCRIPT: Script = [[bash('toolu_s_make', 'make sub'), bash('toolu_s_ls', 'ls')]];

/** The interactive session: each prompt is answered as `INTERACTIVE_ANSWERS` says. */
export const INTERACTIVE_SCRIPT: Script = [
  [bash('toolu_i_yes', 'make build')],
  [bash('toolu_i_always', 'npm run build')],
  [bash('toolu_i_covered', 'npm run lint')],
  [bash('toolu_i_no', 'make deploy')],
  [bash('toolu_i_esc', 'make clean')],
  [
    bash('toolu_i_b_status', 'git log -1'),
    bash('toolu_i_b_make', 'make lint'),
    bash('toolu_i_b_npm', 'npm run test'),
  ],
  [{ id: 'toolu_i_write', tool: 'Write', input: { file_path: '{P}/notes.txt', content: 'hello\n' } }],
  [bash('toolu_i_status', 'git status')],
  [bash('toolu_i_makec', 'make -C sub')],
  [bash('toolu_i_three', 'npm test && node -e 1 && touch q')],
];

/**
 * Keys to press at each prompt, found by a text the prompt shows (the Bash description is the
 * call id): 1 Yes, 2 "Yes, and don't ask again", 4 No, Escape cancels.
 */
export const INTERACTIVE_ANSWERS: { when: string; keys: string[] }[] = [
  { when: 'toolu_i_yes', keys: ['1'] },
  { when: 'toolu_i_always', keys: ['2'] },
  { when: 'toolu_i_no', keys: ['4'] },
  { when: 'toolu_i_esc', keys: ['Escape'] },
  { when: 'toolu_i_b_make', keys: ['4'] },
  { when: 'notes.txt', keys: ['1'] },
  { when: 'toolu_i_makec', keys: ['2'] },
  { when: 'toolu_i_three', keys: ['2'] },
];

/**
 * An auto-mode run (`-p --permission-mode auto`). Offline the classifier cannot be reached, so
 * every call that needs it is refused as "unavailable": the run shows which calls auto mode passes
 * without the classifier (rules that survive entering auto mode, read-only calls, in-project edits)
 * and which it sends to the classifier (broad rules it dropped).
 */
export const AUTO_SETTINGS = {
  local: {
    permissions: {
      allow: [
        'Bash(npm run *)',
        'Bash(python3 *)',
        'Bash(npx *)',
        'Bash(pnpm run lint *)',
        'Bash(cargo test)',
        'Bash(npm test)',
        'Bash(make build *)',
      ],
    },
  },
};

export const AUTO_SCRIPT: Script = [
  [bash('toolu_a_status', 'git status')],
  [bash('toolu_a_npm', 'npm run build')],
  [bash('toolu_a_python', 'python3 tool.py')],
  [bash('toolu_a_npx', 'npx prettier --check .')],
  [bash('toolu_a_pnpm', 'pnpm run lint src')],
  [bash('toolu_a_cargo', 'cargo test')],
  [bash('toolu_a_npmtest', 'npm test')],
  [bash('toolu_a_make', 'make build fast')],
  [bash('toolu_a_deploy', 'make deploy')],
  [{ id: 'toolu_a_write', tool: 'Write', input: { file_path: '{P}/notes.txt', content: 'x\n' } }],
  [{ id: 'toolu_a_outside', tool: 'Write', input: { file_path: '{H}/elsewhere.txt', content: 'x\n' } }],
];
