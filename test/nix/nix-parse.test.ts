import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nixEnv, which } from './tools.js';

const repo = path.resolve(import.meta.dirname, '../..');
// Fixtures are sample user data, not the project's Nix code.
const skipDirs = new Set(['node_modules', '.git', 'dist', 'fixtures', '.corpus', 'result']);

function nixFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return skipDirs.has(entry.name) ? [] : nixFiles(path.join(dir, entry.name));
    return entry.name.endsWith('.nix') ? [path.relative(repo, path.join(dir, entry.name))] : [];
  });
}

const nixInstantiate = which('nix-instantiate');
const files = nixFiles(repo);

describe('the Nix files', () => {
  it('include the flake, the package, the dependency step and both modules', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'flake.nix',
        'nix/package.nix',
        'nix/npm-deps.nix',
        'nix/module.nix',
        'nix/home-manager.nix',
      ]),
    );
  });

  describe.skipIf(!nixInstantiate)(
    nixInstantiate
      ? 'nix-instantiate --parse'
      : 'nix-instantiate --parse (skipped: nix-instantiate is not on PATH; apt-get install nix-bin)',
    () => {
      it.each(files)('%s parses', (file) => {
        const result = spawnSync(nixInstantiate ?? 'nix-instantiate', ['--parse', file], {
          cwd: repo,
          encoding: 'utf8',
          env: nixEnv,
        });
        expect(result.stderr.replace(/^warning:.*\n/gm, '')).toBe('');
        expect(result.status).toBe(0);
      });

      it('the flake declares every output the README documents', () => {
        const expr = `let f = import ./flake.nix; o = f.outputs { self = o; nixpkgs = throw "not evaluated"; }; in builtins.attrNames o`;
        const result = spawnSync(
          nixInstantiate ?? 'nix-instantiate',
          ['--eval', '--strict', '--json', '--expr', expr],
          {
            cwd: repo,
            encoding: 'utf8',
            env: nixEnv,
          },
        );
        expect(JSON.parse(result.stdout)).toEqual([
          'apps',
          'checks',
          'devShells',
          'formatter',
          'homeModules',
          'nixosModules',
          'overlays',
          'packages',
        ]);
      });
    },
  );
});
