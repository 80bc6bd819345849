#!/usr/bin/env node
// Install the pinned real Claude Code client (test/real-client/package.json names the one version)
// for the conformance tests, on first use. It is never a dependency of clearance itself.
// Under CI a failed install fails the run; elsewhere it prints one line and the tests skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'real-client');

/** The native binary inside the pinned install, for this platform. */
export function pinnedBinary() {
  const libc =
    process.platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime ? '-musl' : '';
  const pkg = `claude-code-${process.platform}-${process.arch}${libc}`;
  return path.join(
    dir,
    'node_modules',
    '@anthropic-ai',
    pkg,
    process.platform === 'win32' ? 'claude.exe' : 'claude',
  );
}

function works(binary) {
  if (!existsSync(binary)) return false;
  const r = spawnSync(binary, ['--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DISABLE_AUTOUPDATER: '1' },
  });
  return r.status === 0 && /\d+\.\d+\.\d+/.test(r.stdout);
}

if (process.argv[2] === 'ensure') {
  const binary = pinnedBinary();
  if (!works(binary)) {
    try {
      process.stderr.write(
        'real client: installing the pinned Claude Code for the conformance tests (once, ~360 MB)\n',
      );
      execFileSync('npm', ['ci', '--no-fund', '--no-audit', '--ignore-scripts', '--loglevel=error'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch (error) {
      const line = `real client: could not install the pinned Claude Code (${String(error.message).split('\n')[0]})`;
      if (process.env.CI) {
        process.stderr.write(`${line}; CI needs it, failing\n`);
        process.exit(1);
      }
      process.stderr.write(`${line}; the conformance tests will be skipped\n`);
      process.exit(0);
    }
  }
  if (!works(binary)) {
    process.stderr.write(
      `real client: ${binary} does not start${process.env.CI ? '; CI needs it, failing' : '; the conformance tests will be skipped'}\n`,
    );
    process.exit(process.env.CI ? 1 : 0);
  }
  process.stdout.write(`${binary}\n`);
}
