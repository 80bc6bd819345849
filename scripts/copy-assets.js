// Copies non-TypeScript runtime assets (vendored grammar tables, etc.) next to the compiled code.
import { cpSync, existsSync } from 'node:fs';

const assets = [
  ['src/core/nix/grammar', 'dist/src/core/nix/grammar'],
  ['src/demo/assets', 'dist/src/demo/assets'],
];
for (const [from, to] of assets) {
  if (existsSync(from))
    cpSync(from, to, { recursive: true, filter: (p) => !p.endsWith('.ts') || p.endsWith('.d.ts') });
}
