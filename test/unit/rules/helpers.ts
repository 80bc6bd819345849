// Builds calls for matcher tests: Bash calls are parsed with the real tree-sitter grammar.
import type { Parser } from 'web-tree-sitter';
import type { CallToMatch, RuleSource } from '../../../src/core/rules/index.js';
import { parseCommand } from '../../../src/core/shell/index.js';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';

export const HOME = '/home/u';
export const PROJECT = '/home/u/proj';

let parser: Parser | undefined;

/** Load the grammar once (call in beforeAll). */
export async function loadParser(): Promise<void> {
  parser = await loadBashParser();
}

/** A Bash call in PROJECT with its segments parsed. */
export function bash(command: string, extra: Record<string, unknown> = {}): CallToMatch {
  if (!parser) throw new Error('call loadParser() in beforeAll');
  return {
    tool: 'Bash',
    input: { command, ...extra },
    segments: parseCommand(parser, command).segments,
    cwd: PROJECT,
    home: HOME,
  };
}

/** A non-Bash call in PROJECT. */
export function tool(name: string, input: Record<string, unknown>): CallToMatch {
  return { tool: name, input, cwd: PROJECT, home: HOME };
}

/** A settings source; scope decides the base dir single-slash paths resolve against. */
export function source(
  scope: RuleSource['scope'],
  rules: Partial<Pick<RuleSource, 'allow' | 'ask' | 'deny'>>,
): RuleSource {
  const baseDir = scope === 'user' ? `${HOME}/.claude` : PROJECT;
  const path =
    scope === 'user'
      ? `${HOME}/.claude/settings.json`
      : `${PROJECT}/.claude/settings${scope === 'local' ? '.local' : ''}.json`;
  return { path, scope, baseDir, allow: rules.allow ?? [], ask: rules.ask ?? [], deny: rules.deny ?? [] };
}
