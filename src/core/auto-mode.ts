// Auto mode as the real client runs it (reference real-client.md §5, second-hand, late 2026): rules
// are checked first, read-only actions and edits in the working directory are approved, a classifier
// decides the rest. Entering auto mode drops broad allow rules; narrow ones stay.
import { FILE_EDIT_TOOLS as EDIT_TOOLS } from './tool-kinds.js';
import { isBuiltinReadOnly } from './rules/read-only.js';
import type { CommandSegment } from './types.js';

const INTERPRETERS = new Set([
  'python',
  'python3',
  'node',
  'ruby',
  'perl',
  'php',
  'bash',
  'sh',
  'zsh',
  'deno',
  'lua',
  'Rscript',
]);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);
const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);
const NO_CLASSIFIER_TOOLS = new Set([
  'Read',
  'Glob',
  'Grep',
  'LS',
  'NotebookRead',
  'TodoWrite',
  'ToolSearch',
]);

/**
 * True when an allow rule stays in force in auto mode. Dropped: a bare `Bash`, `Bash(*)`, an
 * interpreter with a wildcard (`Bash(python*)`, `Bash(node *)`), a package manager's run command
 * for any script (`Bash(npm run *)`; one script, `Bash(pnpm run lint *)`, stays), a package runner
 * (`Bash(npx *)`), and `Agent` rules. The Bash cases were checked against 2.1.328
 * (test/fixtures/real-client/2.1.328-auto).
 */
export function survivesAutoMode(rule: string): boolean {
  const m = /^([A-Za-z_][\w-]*)(?:\((.*)\))?$/s.exec(rule.trim());
  if (!m) return true;
  const [, tool, spec] = m;
  if (tool === 'Agent' || tool === 'Task') return false;
  if (tool !== 'Bash') return true;
  if (spec === undefined || spec.trim() === '' || spec.trim() === '*') return false;
  const text = spec.replace(/:\*$/, ' *').trim();
  if (!text.includes('*')) return true;
  const words = text.split(/\s+/);
  const program = words[0]!.replace(/\*$/, '');
  if (
    words[0]!.endsWith('*') &&
    [...INTERPRETERS].some((i) => i.startsWith(program) || program.startsWith(i))
  )
    return false;
  if (INTERPRETERS.has(program)) return false;
  if (RUNNERS.has(program)) return false;
  // `npm run *` goes (any script); `pnpm run lint *` stays (one script), as 2.1.328 does
  if (
    PACKAGE_MANAGERS.has(program) &&
    (words[1] === '*' || ((words[1] === 'run' || words[1] === 'exec') && (words[2] ?? '*') === '*'))
  )
    return false;
  return true;
}

/**
 * True when auto mode lets the call through without the classifier: built-in read-only Bash,
 * tools that never ask, edits inside the project. (Rules in force are the caller's check.)
 */
export function autoModeApprovesWithoutClassifier(call: {
  tool: string;
  segments: CommandSegment[];
  target: string | null;
  project: string;
}): boolean {
  if (NO_CLASSIFIER_TOOLS.has(call.tool)) return true;
  if (call.tool === 'Bash') return call.segments.length > 0 && call.segments.every(isBuiltinReadOnly);
  if (EDIT_TOOLS.has(call.tool) && call.target !== null) {
    const root = call.project.endsWith('/') ? call.project : `${call.project}/`;
    return call.target.startsWith(root) && !call.target.includes('/../');
  }
  return false;
}
