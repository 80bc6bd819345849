// Where no exact basis exists (no hook spool, no OTel), decide whether a call was *probably
// prompted* (DESIGN.md §2): the mode allowed prompts, the call is not in Claude Code's built-in
// read-only set, and no allow rule in force covered it. The answer then follows from the outcome.
// "Covered" is the real client's answer as clearance models it (core/rules, checked against the
// recorded client): a read-only command naming a path outside the project, a redirect, a shell
// construct or `cd … && git …` still prompts; reads outside the project prompt; acceptEdits runs
// file-changing commands and edits inside the project only.
import path from 'node:path';
import { FILE_EDIT_TOOLS, FILE_READ_TOOLS, INTERNAL_TOOLS } from '../core/tool-kinds.js';
import type { CommandSegment, PermissionMode } from '../core/types.js';

/** Tools Claude Code never prompts for (read-only or purely internal). */
export const NEVER_PROMPTED_TOOLS: ReadonlySet<string> = new Set([
  ...FILE_READ_TOOLS,
  ...INTERNAL_TOOLS,
  'Skill',
  'SlashCommand',
]);

const EDIT_TOOLS = FILE_EDIT_TOOLS;
/** Read tools prompt only for a path outside the working directory that no rule allows. */
const READ_TOOLS = FILE_READ_TOOLS;

/** What inference needs to know about one call. */
export interface InferenceCall {
  tool: string;
  input: Record<string, unknown>;
  /** Parsed Bash segments (empty for other tools or unparseable commands). */
  segments: CommandSegment[];
  /** True when the command had operators or could not be parsed: one rule cannot cover it. */
  compound: boolean;
  mode: PermissionMode | null;
  project: string;
}

/** Injected checks (core/rules and the settings in force), so this module stays testable. */
export interface PromptOracle {
  /** Built-in read-only Bash segment (`ls`, `git status`, `cat` …). */
  isReadOnlySegment(segment: CommandSegment): boolean;
  /** True when an allow rule in force (without a deny/ask rule) covers the call. */
  allowedByRules(call: InferenceCall): boolean;
  /**
   * Bash: the whole matcher's answer — true when the call runs without a prompt in this mode (rules,
   * read-only set, paths, redirects, constructs, acceptEdits). When given, it replaces the two
   * checks above for Bash.
   */
  bashRuns?(call: InferenceCall, mode: PermissionMode): boolean;
  /**
   * The allow rules of the project's `settings.local.json` the call needs (without any one of them
   * it would not be allowed). "Yes, and don't ask again" writes there, after the answer: the first
   * call such a rule covers was the prompt that saved it (issue 12).
   */
  localRulesNeeded?(call: InferenceCall): string[];
  /**
   * True when settings of newer clients refuse the call instead of prompting
   * (`denyInsteadOfPrompting`, writes outside the project under `blockWritesOutsideWorkingDirectories`).
   */
  refusedUnasked?(call: InferenceCall): boolean;
}

// The file a file tool acts on, absolute; null when it names none (Grep/Glob default to the cwd).
function targetOf(call: InferenceCall): string | null {
  const i = call.input;
  const file = i.file_path ?? i.notebook_path ?? i.path;
  if (typeof file !== 'string' || file === '' || call.project === '') return null;
  return path.posix.normalize(path.posix.isAbsolute(file) ? file : path.posix.join(call.project, file));
}

function insideProject(call: InferenceCall): boolean {
  const file = targetOf(call);
  if (file === null) return true;
  const dir = call.project.replace(/\/+$/, '');
  return file === dir || file.startsWith(`${dir}/`);
}

/** Why the inference decided as it did: the mode, the tool, the read-only set, the rules, or a prompt. */
export type InferenceReason = 'mode' | 'tool' | 'read-only' | 'rules' | 'refused' | 'prompt';

/** 1 = probably prompted, 0 = probably not. */
export function inferPrompted(call: InferenceCall, oracle: PromptOracle): 0 | 1 {
  return inferPromptedReason(call, oracle) === 'prompt' ? 1 : 0;
}

/** As {@link inferPrompted}, saying why. */
export function inferPromptedReason(call: InferenceCall, oracle: PromptOracle): InferenceReason {
  const mode = call.mode ?? 'default';
  if (mode === 'bypassPermissions' || mode === 'dontAsk' || mode === 'auto') return 'mode';
  if (READ_TOOLS.has(call.tool)) {
    if (insideProject(call)) return 'tool';
    if (oracle.allowedByRules(call)) return 'rules';
    return oracle.refusedUnasked?.(call) ? 'refused' : 'prompt';
  }
  if (NEVER_PROMPTED_TOOLS.has(call.tool)) return 'tool';
  if (mode === 'acceptEdits' && EDIT_TOOLS.has(call.tool) && insideProject(call)) return 'mode';
  if (call.tool === 'Bash' && oracle.bashRuns) {
    if (oracle.bashRuns(call, mode))
      return call.segments.length > 0 && call.segments.every((seg) => oracle.isReadOnlySegment(seg))
        ? 'read-only'
        : 'rules';
    return oracle.refusedUnasked?.(call) ? 'refused' : 'prompt';
  }
  if (
    call.tool === 'Bash' &&
    call.segments.length > 0 &&
    call.segments.every((s) => oracle.isReadOnlySegment(s))
  ) {
    return 'read-only';
  }
  if (oracle.allowedByRules(call)) return 'rules';
  return oracle.refusedUnasked?.(call) ? 'refused' : 'prompt';
}
