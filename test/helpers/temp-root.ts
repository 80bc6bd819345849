// Vitest global setup: the whole run gets one temp root (TMPDIR points into it, so every
// `mkdtempSync(path.join(tmpdir(), 'clearance-…'))` in a test lands there) and the root is removed
// when the run ends. Tests that forget to clean up, or fail before they could, leave nothing in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let root: string | undefined;

/** Called once before any test file: set TMPDIR for the workers forked after it. */
export function setup(): void {
  root = mkdtempSync(path.join(tmpdir(), 'vitest-clearance-run-'));
  process.env.TMPDIR = root;
}

/** Called once after the last test file. */
export function teardown(): void {
  if (root) rmSync(root, { recursive: true, force: true });
}
