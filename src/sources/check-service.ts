// The one code path behind `clearance check`, `verify`'s fallback and the conformance tests: read
// the settings in force for a directory, parse each Bash command with the real grammar, and ask
// core/rules/predict what the client would do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { RuleSource } from '../core/rules/evaluate.js';
import type { PredictOptions, Prediction } from '../core/rules/predict.js';
import { predictCall } from '../core/rules/predict.js';
import { parseCommand } from '../core/shell/parse-command.js';
import type { PermissionMode, Problem } from '../core/types.js';
import type { Paths } from '../runtime/paths.js';
import { loadBashParser } from './bash-grammar.js';
import { readSettingsFile, readSettingsInForce } from './settings-reader.js';

/** A call to check: a Bash command, or any tool with its input. */
export interface CheckCall {
  tool: string;
  input: Record<string, unknown>;
}

/** One answer, as `check --json` prints it. */
export interface CheckResult extends Prediction {
  command: string;
  cwd: string;
}

/** The settings in force for one directory, read once for many calls. */
export interface CheckSettings {
  sources: RuleSource[];
  options: PredictOptions;
  problems: Problem[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read the rules and the permission keys in force for `cwd` (mode: `defaultMode`, else default). */
export function readCheckSettings(paths: Paths, cwd: string, mode?: PermissionMode): CheckSettings {
  const read = readSettingsInForce(paths, cwd);
  const options: PredictOptions = { mode: mode ?? 'default', additionalDirectories: [] };
  let defaultMode: PermissionMode | undefined;
  for (const source of read.value) {
    const json = readSettingsFile(source.path).value.json;
    const permissions = isObject(json) && isObject(json.permissions) ? json.permissions : {};
    const dirs = permissions.additionalDirectories;
    if (Array.isArray(dirs)) {
      for (const d of dirs) {
        if (typeof d !== 'string') continue;
        const expanded = d.startsWith('~/') ? path.join(paths.home, d.slice(2)) : d;
        const dir = path.resolve(source.baseDir, expanded);
        // The client ignores a directory that does not exist (recorded: keys-additional-dirs);
        // one outside the home is looked for under `--root`, like every system path.
        const inHome = dir === paths.home || dir.startsWith(`${paths.home}/`);
        if (existsSync(inHome ? dir : path.join(paths.root, dir))) options.additionalDirectories!.push(dir);
      }
    }
    if (permissions.blockReadsOutsideWorkingDirectories === true)
      options.blockReadsOutsideWorkingDirectories = true;
    if (permissions.denyInsteadOfPrompting === true) options.denyInsteadOfPrompting = true;
    if (typeof permissions.defaultMode === 'string') defaultMode = permissions.defaultMode as PermissionMode;
  }
  if (mode === undefined && defaultMode !== undefined) options.mode = defaultMode;
  return { sources: read.value, options, problems: read.problems };
}

/** Predict one call with an already loaded parser. */
export function checkOne(
  parser: Parser,
  settings: CheckSettings,
  call: CheckCall,
  cwd: string,
  home: string,
): CheckResult {
  const command = typeof call.input.command === 'string' ? call.input.command : '';
  let segments = null;
  let operators: string[] = [];
  if (call.tool === 'Bash') {
    const parsed = parseCommand(parser, command);
    if (parsed.error === null) {
      segments = parsed.segments;
      operators = parsed.operators;
    }
  }
  const prediction = predictCall(
    { tool: call.tool, input: call.input, segments, operators, cwd, home },
    settings.sources,
    settings.options,
  );
  const shown = call.tool === 'Bash' ? command : `${call.tool}(${JSON.stringify(call.input)})`;
  return { command: shown, cwd, ...prediction };
}

/** Predict a list of calls in one directory. */
export async function checkCalls(
  paths: Paths,
  cwd: string,
  calls: readonly CheckCall[],
  mode?: PermissionMode,
): Promise<{ results: CheckResult[]; problems: Problem[] }> {
  const parser = await loadBashParser();
  const settings = readCheckSettings(paths, cwd, mode);
  return {
    results: calls.map((call) => checkOne(parser, settings, call, cwd, paths.home)),
    problems: settings.problems,
  };
}
