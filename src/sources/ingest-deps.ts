// The shell parser and the permission-rule checks that ingest needs, loaded once per scan.
import { FILE_EDIT_TOOLS as EDIT_TOOLS } from '../core/tool-kinds.js';
import path from 'node:path';
import { evaluateCall, isBuiltinReadOnly } from '../core/rules/index.js';
import type { RuleSource } from '../core/rules/index.js';
import { parseCommand, programsOf } from '../core/shell/index.js';
import type { Paths } from '../runtime/paths.js';
import { permissionSwitches, readSettingsInForce } from './settings-reader.js';
import type { CommandSegment } from '../core/types.js';
import type { Parser } from 'web-tree-sitter';
import { loadBashParser } from './bash-grammar.js';
import type { PromptOracle } from './prompt-inference.js';

/** What ingest needs from the shell parser and the rules in force. */
export interface IngestDeps {
  /** Parse a (redacted) Bash command into segments; `compound` when operators join several. */
  segment(command: string): { segments: CommandSegment[]; compound: boolean; programs: string[] };
  /** Rule checks for calls in a project (settings in force are read once per project). */
  oracle(project: string): PromptOracle;
  /** Load what `segment` needs; awaited before the first call (a warm scan with nothing new skips it). */
  prepare(): Promise<void>;
}

const READ_ONLY_PROGRAMS = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'pwd',
  'echo',
  'grep',
  'rg',
  'fd',
  'find',
  'which',
  'file',
  'stat',
  'du',
  'df',
  'tree',
  'sort',
  'uniq',
  'cut',
  'diff',
  'date',
  'whoami',
  'id',
  'env',
  'printenv',
  'true',
  'false',
]);
const READ_ONLY_GIT = new Set(['status', 'log', 'diff', 'show', 'branch', 'rev-parse', 'blame', 'ls-files']);

/** A whitespace segmenter used only when the tree-sitter parser is unavailable. */
function naiveSegments(command: string): {
  segments: CommandSegment[];
  compound: boolean;
  programs: string[];
} {
  const parts = command.split(/\s*(?:&&|\|\||;|\|)\s*/).filter((p) => p.trim() !== '');
  const segments = parts.map((part): CommandSegment => {
    const words = part.trim().split(/\s+/);
    const envNames: string[] = [];
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!))
      envNames.push(words.shift()!.split('=')[0]!);
    const program = (words[0] ?? '').split('/').pop() ?? '';
    return {
      program,
      subcommand: words[1] && !words[1].startsWith('-') ? [words[1]] : [],
      argv: words,
      text: words.join(' '),
      wrappers: [],
      envNames,
      nested: false,
      ephemeralPackages: [],
      redirects: [],
    };
  });
  return {
    segments,
    compound: parts.length > 1,
    programs: [...new Set(segments.map((s) => s.program).filter(Boolean))],
  };
}

/** Fallback dependencies: naive segmentation, a small read-only list, no rules in force. */
export function fallbackDeps(): IngestDeps {
  const oracle: PromptOracle = {
    isReadOnlySegment: (s) =>
      READ_ONLY_PROGRAMS.has(s.program) || (s.program === 'git' && READ_ONLY_GIT.has(s.subcommand[0] ?? '')),
    allowedByRules: () => false,
  };
  return { segment: naiveSegments, oracle: () => oracle, prepare: () => Promise.resolve() };
}

const PARSE_CACHE_MAX = 20000;

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, path.resolve(dir, file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Load the real dependencies for a scan: the tree-sitter parser and the rules in force. The parser
 * is loaded on the first command (a warm scan with nothing new never pays the WASM start-up), and
 * parses are memoized: the same commands (`git status`, `npm test`) recur thousands of times.
 */
export async function loadIngestDeps(ctx: { paths: Paths }): Promise<IngestDeps> {
  let parser: Parser | null = null;
  const oracles = new Map<string, PromptOracle>();
  const cache = new Map<string, { segments: CommandSegment[]; compound: boolean; programs: string[] }>();
  return {
    segment(command) {
      const hit = cache.get(command);
      if (hit) return hit;
      if (parser === null) throw new Error('loadIngestDeps: prepare() was not awaited');
      const parsed = parseCommand(parser, command);
      const value = {
        segments: parsed.segments,
        compound: parsed.error !== null || parsed.operators.length > 0,
        programs: programsOf(parsed),
      };
      if (cache.size >= PARSE_CACHE_MAX) cache.clear();
      cache.set(command, value);
      return value;
    },
    async prepare() {
      parser ??= await loadBashParser();
    },
    oracle(project) {
      let oracle = oracles.get(project);
      if (!oracle) {
        // the settings in force now stand in for those in force at the time of the call
        const sources: RuleSource[] = readSettingsInForce(ctx.paths, project || null).value;
        // the same commands recur thousands of times: one matcher run per (mode, command)
        const bashAnswers = new Map<string, boolean>();
        const allows = (call: Parameters<PromptOracle['allowedByRules']>[0], using: RuleSource[]): boolean =>
          using.length > 0 &&
          evaluateCall(
            {
              tool: call.tool,
              input: call.input,
              segments: call.segments,
              cwd: project,
              home: ctx.paths.home,
            },
            using,
          ).decision === 'allow';
        const local = sources.find((s) => s.scope === 'local');
        const withoutRule = new Map<string, RuleSource[]>();
        const switches = permissionSwitches(sources);
        const needed = new Map<string, string[]>();
        oracle = {
          isReadOnlySegment: isBuiltinReadOnly,
          bashRuns: (call, mode) => {
            const command = typeof call.input.command === 'string' ? call.input.command : '';
            const key = `${mode}\u0000${command}`;
            let runs = bashAnswers.get(key);
            if (runs === undefined) {
              const result = evaluateCall(
                {
                  tool: 'Bash',
                  input: call.input,
                  segments: call.segments,
                  cwd: project,
                  home: ctx.paths.home,
                },
                sources,
              );
              runs =
                result.decision === 'allow' ||
                (mode === 'acceptEdits' && result.decision === 'none' && result.acceptEdits === true);
              if (bashAnswers.size >= PARSE_CACHE_MAX) bashAnswers.clear();
              bashAnswers.set(key, runs);
            }
            return runs;
          },
          allowedByRules: (call) => allows(call, sources),
          refusedUnasked: (call) => {
            if (switches.denyInsteadOfPrompting) return true;
            if (!switches.blockWritesOutsideWorkingDirectories || !EDIT_TOOLS.has(call.tool)) return false;
            const file = call.input.file_path ?? call.input.notebook_path;
            return typeof file === 'string' && !isInside(file, project);
          },
          localRulesNeeded: (call) => {
            if (!local || local.allow.length === 0) return [];
            const key = `${call.tool}\u0000${JSON.stringify(call.input)}`;
            const known = needed.get(key);
            if (known) return known;
            // a rule is needed when the call is no longer allowed without it
            const value = local.allow.filter((rule) => {
              let using = withoutRule.get(rule);
              if (!using) {
                using = sources.map((s) =>
                  s === local ? { ...s, allow: s.allow.filter((r) => r !== rule) } : s,
                );
                withoutRule.set(rule, using);
              }
              return !allows(call, using);
            });
            if (needed.size > 5000) needed.clear();
            needed.set(key, value);
            return value;
          },
        };
        oracles.set(project, oracle);
      }
      return oracle;
    },
  };
}
