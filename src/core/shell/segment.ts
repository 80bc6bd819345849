import type { CommandSegment } from '../types.js';

/**
 * A segment known only by its words (a rule's text, a command seen without a parse): no wrappers,
 * env assignments, redirects or nesting. Callers with a real command should use parseCommand.
 */
export function plainSegment(
  argv: string[],
  text = argv.join(' '),
  subcommand: string[] = [],
): CommandSegment {
  return {
    program: argv[0] ?? '',
    subcommand,
    argv,
    text,
    wrappers: [],
    envNames: [],
    nested: false,
    ephemeralPackages: [],
    redirects: [],
  };
}
