import { existsSync } from 'node:fs';
import path from 'node:path';
import { clientVersion } from '../../src/sources/claude-client/run-client.js';

const dir = path.resolve(import.meta.dirname, '..', 'real-client');

/** The pinned client's native binary (test/real-client, installed by `scripts/real-client.js ensure`). */
export function pinnedClientBinary(): string {
  const libc =
    process.platform === 'linux' &&
    !(process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header
      ?.glibcVersionRuntime
      ? '-musl'
      : '';
  return path.join(
    dir,
    'node_modules',
    '@anthropic-ai',
    `claude-code-${process.platform}-${process.arch}${libc}`,
    'claude',
  );
}

/**
 * The pinned client when it is installed and starts; else null after one line saying why. Under CI a
 * missing client is an error: the conformance tests must run there, not skip.
 */
export function realClientOrSkip(): string | null {
  const binary = pinnedClientBinary();
  const version = existsSync(binary) ? clientVersion(binary) : null;
  if (version !== null) return binary;
  const line = `real client not installed (${binary}); run: node scripts/real-client.js ensure`;
  if (process.env.CI) throw new Error(`${line} — CI must run the conformance tests`);
  process.stderr.write(`conformance tests skipped: ${line}\n`);
  return null;
}
