// Vitest global setup: the whole run gets one temp root (TMPDIR points into it, so every
// `mkdtempSync(path.join(tmpdir(), 'clearance-…'))` in a test lands there) and the root is removed
// when the run ends. Tests that forget to clean up, or fail before they could, leave nothing in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

/** Called once before any test file: set TMPDIR for the workers forked after it. */
export function setup(): void {
  // a short name: paths under it are shown whole in the 80-column dashboard (the tmux e2e test)
  root = mkdtempSync(path.join(tmpdir(), 'cl-run-'));
  process.env.TMPDIR = root;
}

/** Called once after the last test file. */
export function teardown(): void {
  if (root) rmSync(root, { recursive: true, force: true });
}
