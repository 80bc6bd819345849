import type { CommandRun } from '../runtime/context.js';

/** One subcommand: name, one-line summary for --help, and a lazy loader (keeps `hook` fast). */
export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Option lines for `clearance <command> --help` (the global options apply too). */
  options?: string[];
  load: () => Promise<{ run: CommandRun }>;
}

/** Every subcommand of DESIGN.md §6 (+ `undo`, `collect`). The dashboard is the default. */
export const commands: CommandSpec[] = [
  {
    name: 'dashboard',
    usage: 'clearance',
    summary: 'the dashboard (TTY), after an incremental scan',
    load: () => import('./dashboard.js'),
  },
  {
    name: 'review',
    usage: 'clearance review [--post-rebuild]',
    summary: 'the dashboard opened on what needs a decision',
    load: () => import('./review.js'),
  },
  {
    name: 'scan',
    usage: 'clearance scan [--json]',
    summary: 'ingest everything new and print counts',
    load: () => import('./scan.js'),
  },
  {
    name: 'suggest',
    usage: 'clearance suggest [--json] [--verify] [--project DIR] [--min-confidence X]',
    summary: 'proposals with their evidence',
    options: [
      '--project DIR        only proposals for this project (and user-wide ones)',
      '--min-confidence X   hide proposals below X (default 0.5), cleanup ones too',
      '--json               a stable JSON document',
    ],
    load: () => import('./suggest.js'),
  },
  {
    name: 'check',
    usage: 'clearance check [--json] [--cwd DIR] [--mode MODE] [--verify] COMMAND...',
    summary: 'would Claude Code ask? runs / prompts / refused, with the rule and why',
    load: () => import('./check.js'),
  },
  {
    name: 'verify',
    usage: 'clearance verify [--json] [--client PATH] [--timeout S] [ID...]',
    summary: 'replay proposals through your own Claude Code, inertly',
    load: () => import('./verify.js'),
  },
  {
    name: 'apply',
    usage:
      'clearance apply [--dry-run] [--yes] [--include-cleanup] [--min-confidence X] [--nix-file FILE] [ID...]',
    summary: 'write accepted proposals into the settings files',
    options: [
      '--dry-run            print the diff per file, write nothing',
      '--yes, -y            write without asking (needed without a terminal)',
      '--include-cleanup    also apply remove/replace proposals',
      '--min-confidence X   apply pending proposals at or above X (default 0.8)',
      '--project DIR        only proposals for this project (and user-wide ones)',
      '--json               the plan (or the result) as JSON',
    ],
    load: () => import('./apply.js'),
  },
  {
    name: 'undo',
    usage: 'clearance undo [APPLY-ID]',
    summary: 'restore the files of one apply from its backups',
    load: () => import('./undo.js'),
  },
  {
    name: 'replay',
    usage: 'clearance replay [--train-until DATE] [--json]',
    summary: 'train on history up to a date, measure on the rest',
    load: () => import('./replay.js'),
  },
  {
    name: 'usage',
    usage: 'clearance usage [--days N] [--json]',
    summary: 'human vs Claude use of installed tools; dormant and install candidates',
    load: () => import('./usage.js'),
  },
  {
    name: 'docs',
    usage:
      'clearance docs [--write | --check] [--target FILE] [--packages FILE] [--flake DIR[#HOST]] [--nix-file FILE]',
    summary: 'the tools block of CLAUDE.md',
    load: () => import('./docs.js'),
  },
  {
    name: 'conformance',
    usage: 'clearance conformance [--client PATH|VERSION] [--record FILE] [--json]',
    summary: 'run the conformance matrix against a Claude Code release; show what changed',
    load: () => import('./conformance.js'),
  },
  {
    name: 'hook',
    usage: 'clearance hook',
    summary: 'Claude Code hook entry point (stdin JSON → spool)',
    load: () => import('./hook.js'),
  },
  {
    name: 'install-hooks',
    usage: 'clearance install-hooks [--remove] [--nix-file FILE]',
    summary: 'add or remove the hook entries in ~/.claude/settings.json',
    load: () => import('./install-hooks.js'),
  },
  {
    name: 'collect',
    usage: 'clearance collect [--port N] [--print-env]',
    summary: 'local OTLP/HTTP receiver for exact tool decisions',
    load: () => import('./collect.js'),
  },
  {
    name: 'demo',
    usage: 'clearance demo [--keep]',
    summary: 'the dashboard on a generated, realistic demo home',
    load: () => import('./demo.js'),
  },
];

/** Look a command up by name. */
export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}
