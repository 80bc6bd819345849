// "Would Claude Code ask about this?": clearance's prediction of what the real client does with one
// tool call under the settings in force — it runs without asking, it would prompt, or it is refused
// without asking — with the reason, in the client's own words where it has any. The conformance
// matrix (conformance/matrix.json) checks every prediction against a recording of the real client.

import { FILE_EDIT_TOOLS, FILE_READ_TOOLS, INTERNAL_TOOLS } from '../tool-kinds.js';
import type { CommandSegment, PermissionMode } from '../types.js';
import type { CallDecision, RuleSource } from './evaluate.js';
import { BUILTIN_READ_ONLY_SOURCE, evaluateCall } from './evaluate.js';
import { canonicalToolName } from './parse-rule.js';
import { normalizeFilePath } from './path-match.js';

/** The three answers the client can give. */
export type PredictedDecision = 'runs' | 'prompts' | 'refused';

/** A prediction with its reason. */
export interface Prediction {
  decision: PredictedDecision;
  /** Why, in one line (which rule, or why none applies). */
  reason: string;
  /** The rule that decided, when one did. */
  rule: string | null;
  /** The settings file that rule is in (or `builtin:read-only`). */
  file: string | null;
}

/** A call as `check` and the conformance tests give it. */
export interface CallToPredict {
  tool: string;
  input: Record<string, unknown>;
  /** Parsed Bash segments; null when the command could not be parsed. */
  segments: CommandSegment[] | null;
  /** Operators between the segments (`&&`, `|`, …). */
  operators?: string[];
  cwd: string;
  home: string;
}

/** Settings beyond the rules that change the decision (reference real-client.md §5). */
export interface PredictOptions {
  mode: PermissionMode;
  /** `permissions.additionalDirectories` of the files in force, resolved. */
  additionalDirectories?: string[];
  blockReadsOutsideWorkingDirectories?: boolean;
  /** Read but without effect on `-p` decisions in 2.1.328 (recorded: the client still prompts). */
  denyInsteadOfPrompting?: boolean;
}

const READ_TOOLS = FILE_READ_TOOLS;
const EDIT_TOOLS = FILE_EDIT_TOOLS;
const NEVER_ASK = INTERNAL_TOOLS;

function isWithin(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function filePathOf(call: CallToPredict): string | null {
  const candidate = call.input.file_path ?? call.input.notebook_path ?? call.input.path;
  return typeof candidate === 'string' && candidate !== '' ? candidate : null;
}

function inWorkingDirs(file: string, call: CallToPredict, options: PredictOptions): boolean {
  const abs = normalizeFilePath(file, call.cwd, call.home);
  return [call.cwd, ...(options.additionalDirectories ?? [])].some((dir) => isWithin(abs, dir));
}

function fromDecision(result: CallDecision, call: CallToPredict, options: PredictOptions): Prediction | null {
  switch (result.decision) {
    case 'deny':
      return {
        decision: 'refused',
        reason: `denied by ${result.rule}`,
        rule: result.rule,
        file: result.source,
      };
    case 'ask':
      return {
        decision: 'prompts',
        reason: result.why ? result.why.text : `ask rule ${result.rule}`,
        rule: result.rule,
        file: result.source,
      };
    case 'allow':
      if (result.source === BUILTIN_READ_ONLY_SOURCE) {
        return {
          decision: 'runs',
          reason: 'built-in read-only command',
          rule: null,
          file: BUILTIN_READ_ONLY_SOURCE,
        };
      }
      return {
        decision: 'runs',
        reason: `allowed by ${result.rule}`,
        rule: result.rule,
        file: result.source,
      };
    case 'none':
      return noRule(call, options, result);
  }
}

const BLOCKED_READS_TEXT =
  'Reads outside the working directories are blocked (permissions.blockReadsOutsideWorkingDirectories). Add the directory with /add-dir, or remove that setting.';

// No rule decides: the mode and the tool's nature do.
function noRule(call: CallToPredict, options: PredictOptions, result: CallDecision): Prediction | null {
  const tool = canonicalToolName(call.tool);
  const file = filePathOf(call);
  if (options.mode === 'bypassPermissions')
    return { decision: 'runs', reason: 'bypassPermissions mode', rule: null, file: null };
  if (tool === 'Bash') {
    if (options.mode === 'acceptEdits' && result.acceptEdits === true) {
      return {
        decision: 'runs',
        reason: 'acceptEdits mode: file changes inside the working directories',
        rule: null,
        file: null,
      };
    }
    if (options.mode === 'dontAsk') {
      return { decision: 'refused', reason: "don't ask mode: no rule allows it", rule: null, file: null };
    }
    if (result.why) {
      const reason =
        result.why.code === 'outside' && options.blockReadsOutsideWorkingDirectories
          ? BLOCKED_READS_TEXT
          : result.why.text;
      return { decision: 'prompts', reason, rule: null, file: null };
    }
    return null;
  }
  if (READ_TOOLS.has(tool) && (file === null || inWorkingDirs(file, call, options))) {
    return { decision: 'runs', reason: 'reads inside the working directory', rule: null, file: null };
  }
  if (
    options.mode === 'acceptEdits' &&
    EDIT_TOOLS.has(tool) &&
    file !== null &&
    inWorkingDirs(file, call, options)
  ) {
    return {
      decision: 'runs',
      reason: 'acceptEdits mode: edits inside the working directory',
      rule: null,
      file: null,
    };
  }
  if (options.mode === 'dontAsk') {
    return { decision: 'refused', reason: "don't ask mode: no rule allows it", rule: null, file: null };
  }
  return null;
}

/** The real client's decision for one call, as clearance predicts it. */
export function predictCall(
  call: CallToPredict,
  sources: readonly RuleSource[],
  options: PredictOptions,
): Prediction {
  const tool = canonicalToolName(call.tool);
  if (NEVER_ASK.has(tool)) return { decision: 'runs', reason: `${tool} never asks`, rule: null, file: null };
  const result = evaluateCall(
    {
      tool: call.tool,
      input: call.input,
      ...(call.segments ? { segments: call.segments } : {}),
      cwd: call.cwd,
      home: call.home,
      additionalDirs: options.additionalDirectories ?? [],
    },
    sources,
  );
  // blockReadsOutsideWorkingDirectories refuses a read outside even under a Read allow rule.
  const readFile = filePathOf(call);
  if (
    options.blockReadsOutsideWorkingDirectories &&
    result.decision !== 'deny' &&
    options.mode !== 'bypassPermissions' &&
    READ_TOOLS.has(tool) &&
    readFile !== null &&
    !inWorkingDirs(readFile, call, options)
  ) {
    const abs = normalizeFilePath(readFile, call.cwd, call.home);
    return {
      decision: 'refused',
      reason: `${abs} is outside ${call.cwd}; the permissions.blockReadsOutsideWorkingDirectories setting blocks reads outside the working directories.`,
      rule: null,
      file: null,
    };
  }
  const decided = fromDecision(result, call, options);
  if (decided) return decided;
  if (tool === 'Bash' && call.segments === null) {
    return { decision: 'prompts', reason: 'the command could not be analysed', rule: null, file: null };
  }
  const file = filePathOf(call);
  if (file !== null && !inWorkingDirs(file, call, options)) {
    return {
      decision: 'prompts',
      reason: 'the path is outside the working directory',
      rule: null,
      file: null,
    };
  }
  return { decision: 'prompts', reason: 'no rule allows it', rule: null, file: null };
}
