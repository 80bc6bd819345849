import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('command line', () => {
  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('rejects an unknown command with exit 2 and one line', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      "clearance: unknown command 'frobnicate' (see clearance --help)",
    ]);
  });

  it('rejects an unknown option with exit 2', async () => {
    const result = await runCli(['scan', '--frob']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --frob');
  });

  it('rejects a --now that is not a time', async () => {
    const result = await runCli(['usage', '--now', 'yesterday-ish']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--now: not an ISO time');
  });

  it('lists every command in --help', async () => {
    const result = await runCli(['--help']);
    for (const name of [
      'scan',
      'suggest',
      'apply',
      'replay',
      'usage',
      'docs',
      'hook',
      'install-hooks',
      'demo',
      'check',
      'verify',
      'conformance',
    ]) {
      expect(result.stdout).toContain(`clearance ${name}`);
    }
  });
});
