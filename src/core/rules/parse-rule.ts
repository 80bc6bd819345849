// Claude Code permission rule syntax (reference claude-code.md §1.3): `Tool` or `Tool(specifier)`,
// classified once so the matcher, hygiene checks and the generator agree on what a rule means.

/** How a rule's specifier is interpreted. */
export type RuleForm =
  /** Bare tool name (`Bash`, `Read`, `WebSearch`) or an equivalent (`Bash(*)`, `WebFetch(domain:*)`). */
  | 'tool'
  /** Tool-name glob: `*`, `mcp__*`, `mcp__github__get_*`. */
  | 'tool-glob'
  /** `Bash(npm run build)`: that exact command only. */
  | 'bash-exact'
  /** `Bash(npm run test:*)`: legacy prefix (`:*` recognized only at the end). */
  | 'bash-prefix'
  /** `Bash(npm *)`, `Bash(* install)`, `Bash(ls*)`: `*` anywhere (v2.1.0+). */
  | 'bash-wildcard'
  /** `Read(//abs/**)`, `Edit(/src/**)`, `Read(~/x)`, `Read(./.env)`, `Read(*.env)`. */
  | 'path'
  /** `WebFetch(domain:example.com)`. */
  | 'webfetch-domain'
  /** `mcp__server`: every tool of one server. */
  | 'mcp-server'
  /** `mcp__server__tool`. */
  | 'mcp-tool'
  /** `Agent(Explore)` / `Task(Explore)`: one subagent type. */
  | 'agent'
  /** `Agent(model:opus)`, `Bash(run_in_background:true)`: a scalar input param (deny/ask only, v2.1.178+). */
  | 'param'
  /** Any other `Tool(specifier)` (`Skill(deploy *)`, `Cd(~/code/*)`, unknown forms). */
  | 'specifier';

/** A parsed permission rule. */
export interface ParsedRule {
  raw: string;
  /** Tool name as written (`Task` stays `Task`; see canonicalTool). */
  tool: string;
  /** Text inside the parentheses, or null for a bare tool name. */
  specifier: string | null;
  form: RuleForm;
  /** `Task` → `Agent`; every other name unchanged. */
  canonicalTool: string;
  /** For 'bash-prefix': the prefix before `:*`. For 'param': the value. For 'webfetch-domain': the domain pattern. */
  pattern: string | null;
  /** For 'param': the input param name. */
  param: string | null;
  /** For 'path': what the pattern is anchored to (reference §1.3 "Read / Edit"); else null. */
  anchor: PathAnchor | null;
}

/**
 * Where a path pattern starts: `//abs` → 'root', `~/x` → 'home', `/x` → 'settings' (the settings
 * file's base dir, NOT the filesystem root), `./x` or `dir/x` → 'cwd', a bare name (`.env`,
 * `*.env`) → 'anywhere' (any depth). A deny/ask `dir/**` is 'cwd' here but also matches any `dir`
 * at any depth.
 */
export type PathAnchor = 'root' | 'home' | 'settings' | 'cwd' | 'anywhere';

/** The anchor of a Read/Edit path pattern. */
export function pathAnchor(pattern: string): PathAnchor {
  const p = pattern.trim();
  if (p.startsWith('//')) return 'root';
  if (p === '~' || p.startsWith('~/')) return 'home';
  if (p.startsWith('/')) return 'settings';
  if (p.startsWith('./')) return 'cwd';
  return p.replace(/\/+$/, '').includes('/') ? 'cwd' : 'anywhere';
}

/** Tools whose path rules Claude Code accepts but never consults (use Edit/Read instead). */
export const NEVER_CONSULTED_PATH_TOOLS: readonly string[] = ['Write', 'NotebookEdit', 'Glob', 'MultiEdit'];

/** Tools whose specifier is a gitignore-style path. */
export const PATH_RULE_TOOLS: readonly string[] = ['Read', 'Edit', ...NEVER_CONSULTED_PATH_TOOLS];

// Scalar params of the tools a `Tool(param:value)` rule is most often written for; any other
// tool's `word:value` specifier is read as a param rule too.
const KNOWN_PARAMS: Readonly<Record<string, readonly string[]>> = {
  Bash: ['run_in_background', 'timeout', 'description', 'dangerouslyDisableSandbox', 'command'],
  Agent: ['model', 'isolation', 'subagent_type', 'run_in_background', 'description', 'name'],
};

/** `Task` was renamed `Agent` in v2.1.63; both spellings mean the same tool. */
export function canonicalToolName(tool: string): string {
  return tool === 'Task' ? 'Agent' : tool;
}

/** True when a Bash specifier contains an unescaped `*`. */
export function hasUnescapedStar(text: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\*/.test(text);
}

/** Parse one rule string; invalid syntax gives `{ error }` (one line, for hygiene reports). */
export function parseRule(raw: string): ParsedRule | { error: string } {
  if (typeof raw !== 'string') return { error: 'rule is not a string' };
  const text = raw.trim();
  if (text === '') return { error: 'empty rule' };
  const open = text.indexOf('(');
  let tool: string;
  let specifier: string | null;
  if (open < 0) {
    if (text.includes(')')) return { error: `unbalanced ")" in rule ${JSON.stringify(raw)}` };
    tool = text;
    specifier = null;
  } else {
    if (!text.endsWith(')'))
      return { error: `rule ${JSON.stringify(raw)} has "(" but does not end with ")"` };
    tool = text.slice(0, open).trim();
    specifier = text.slice(open + 1, -1);
    if (specifier.trim() === '') return { error: `rule ${JSON.stringify(raw)} has an empty specifier` };
  }
  if (tool === '') return { error: `rule ${JSON.stringify(raw)} has no tool name` };
  if (!/^[A-Za-z0-9_*.-]+$/.test(tool)) return { error: `invalid tool name ${JSON.stringify(tool)}` };
  const canonicalTool = canonicalToolName(tool);
  const base = { raw, tool, specifier, canonicalTool, pattern: null, param: null, anchor: null };
  if (tool.includes('*')) return { ...base, form: 'tool-glob' };
  if (tool.startsWith('mcp__')) {
    const parts = tool.slice('mcp__'.length).split('__');
    if (specifier !== null) return classifyParam(base) ?? { ...base, form: 'specifier' };
    return { ...base, form: parts.length >= 2 && parts[1] !== '' ? 'mcp-tool' : 'mcp-server' };
  }
  if (specifier === null) return { ...base, form: 'tool' };
  if (canonicalTool === 'Bash') return classifyBash(base, specifier);
  if (PATH_RULE_TOOLS.includes(tool)) {
    return { ...base, form: 'path', pattern: specifier, anchor: pathAnchor(specifier) };
  }
  if (tool === 'WebFetch') {
    const m = /^domain:(.*)$/.exec(specifier);
    if (m) {
      const domain = (m[1] ?? '').trim();
      return domain === '*'
        ? { ...base, form: 'tool' }
        : { ...base, form: 'webfetch-domain', pattern: domain };
    }
    return classifyParam(base) ?? { ...base, form: 'specifier' };
  }
  const param = classifyParam(base);
  if (param) return param;
  if (canonicalTool === 'Agent') return { ...base, form: 'agent', pattern: specifier };
  return { ...base, form: 'specifier', pattern: specifier };
}

function classifyParam(base: Omit<ParsedRule, 'form'>): ParsedRule | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*):(.+)$/s.exec(base.specifier ?? '');
  if (!m) return null;
  const [, name = '', value = ''] = m;
  const known = KNOWN_PARAMS[base.canonicalTool];
  if (known && !known.includes(name)) return null;
  return { ...base, form: 'param', param: name, pattern: value };
}

function classifyBash(base: Omit<ParsedRule, 'form'>, specifier: string): ParsedRule {
  if (specifier.trim() === '*') return { ...base, form: 'tool' };
  const param = classifyParam(base);
  // `Bash(git:*)` is a prefix rule, not a param rule: only the known Bash params count.
  if (param && !specifier.endsWith(':*')) return param;
  if (specifier.endsWith(':*') && !specifier.endsWith('\\:*')) {
    return { ...base, form: 'bash-prefix', pattern: specifier.slice(0, -2) };
  }
  if (hasUnescapedStar(specifier)) return { ...base, form: 'bash-wildcard', pattern: specifier };
  return { ...base, form: 'bash-exact', pattern: specifier };
}

/** True when parseRule failed. */
export function isRuleError(parsed: ParsedRule | { error: string }): parsed is { error: string } {
  return 'error' in parsed;
}

/** Compare two semver-ish versions (`2.1.38` vs `2.1.0`): negative, zero or positive. Missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] =>
    v
      .trim()
      .replace(/^v/, '')
      .split(/[-+]/)[0]!
      .split('.')
      .map((p) => Number.parseInt(p, 10) || 0);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The Claude Code version from which `Bash(x *)` (space-star) and `*` anywhere are understood. */
export const SPACE_STAR_SINCE = '2.1.0';

/**
 * Format a Bash rule in the syntax of the Claude Code version that will read it: `Bash(x *)` from
 * 2.1.0 on, `Bash(x:*)` before (or when the version is unknown: older syntax is still read by newer
 * versions). No words with a wildcard → `Bash` (every command).
 */
export function formatBashRule(
  prefixWords: readonly string[],
  wildcard: boolean,
  version: string | null,
): string {
  const prefix = prefixWords.join(' ');
  if (!wildcard) return `Bash(${prefix})`;
  if (prefix === '') return 'Bash';
  const modern = version !== null && compareVersions(version, SPACE_STAR_SINCE) >= 0;
  return modern ? `Bash(${prefix} *)` : `Bash(${prefix}:*)`;
}
