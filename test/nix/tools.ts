import { spawnSync } from 'node:child_process';

/** Absolute path of a program on PATH, or undefined (tests skip with a reason when a tool is missing). */
export function which(program: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

/** The Nix settings Debian's nix-bin needs to run as a plain user or root without a daemon. */
export const nixEnv = {
  ...process.env,
  NIX_CONFIG: 'experimental-features = nix-command flakes\nbuild-users-group =',
};
