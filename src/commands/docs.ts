import path from 'node:path';
import type { CommandContext } from '../context.js';
import { complain, say } from '../context.js';
import { extractBlock, renderToolsBlock, shortDiff } from '../core/docs-block.js';
import { UsageError, UserError } from '../errors.js';
import { readTarget, writeToolsBlock } from '../writers/claude-md.js';
import { packageSetFor, reportProblems } from './nix-context.js';

/**
 * `clearance docs [--write | --check] [--target FILE] [--packages FILE]`: print the CLAUDE.md
 * tools block, write it between its markers, or check that the file is current (exit 1 if stale).
 */
export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.flags.write && ctx.flags.check) throw new UsageError('--write and --check cannot be used together');
  const target = path.resolve(ctx.flags.target ?? path.join(ctx.paths.userClaudeDir, 'CLAUDE.md'));

  const set = await packageSetFor(ctx);
  // an input named on the command line is what the user wants: its failure is the answer, not a
  // reason to fall back silently to another source
  if (ctx.flags.packages && !set.used.includes('packages-nix')) {
    const problem = set.problems.find((p) => p.source === path.resolve(ctx.flags.packages ?? ''));
    throw new UserError(
      `--packages ${ctx.flags.packages}: ${problem?.message ?? 'no packages read from it'}`,
    );
  }
  if (ctx.flags.flake && !set.used.includes('nix-eval')) {
    const problem = set.problems.find((p) => /\beval\b|not found on PATH/.test(p.message));
    throw new UserError(`--flake ${ctx.flags.flake}: ${problem?.message ?? 'nix eval gave no package set'}`);
  }
  reportProblems(ctx, set);
  if (!set.value) {
    throw new UserError(
      ctx.flags.packages
        ? `no packages read from ${ctx.flags.packages}`
        : 'no package set found: no packages.nix under /etc/nixos or the flake, no live profile, no nix eval; pass --packages FILE or --flake DIR',
    );
  }
  if (!set.packagesFile) {
    complain(
      ctx,
      `no packages.nix found; using the ${set.value.source} package set without your sections and comments`,
    );
  }
  const block = renderToolsBlock(set.value);

  if (ctx.flags.check) {
    const { text } = readTarget(target);
    const current = extractBlock(text);
    if (!current.ok) throw new UserError(`${target}: ${current.error}; fix the markers by hand`);
    if (ctx.flags.json) {
      const state = current.block === block ? 'current' : current.block === null ? 'missing' : 'stale';
      say(ctx, JSON.stringify({ target, state, source: set.value.source }));
      return state === 'current' ? 0 : 1;
    }
    if (current.block === block) {
      say(ctx, `${target}: tools block is up to date`);
      return 0;
    }
    say(
      ctx,
      `${target}: tools block is ${current.block === null ? 'missing' : 'stale'} (run clearance docs --write)`,
    );
    say(ctx, shortDiff(current.block ?? '', block));
    return 1;
  }

  if (ctx.flags.write) {
    const result = writeToolsBlock(target, block, {
      backupDir: path.join(ctx.paths.stateDir, 'backups'),
      now: ctx.now,
    });
    if (ctx.flags.json)
      say(ctx, JSON.stringify({ target, changed: result.changed, backup: result.backup ?? null }));
    else if (!result.changed) say(ctx, `${target}: already up to date`);
    else
      say(
        ctx,
        `${target}: tools block written${result.backup ? ` (previous content saved to ${result.backup})` : ''}`,
      );
    return 0;
  }

  say(ctx, ctx.flags.json ? JSON.stringify({ source: set.value.source, block }) : block);
  return 0;
}
