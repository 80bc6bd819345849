// `clearance --version` and `--help` load only what they need: not the store's native module.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

vi.mock('../../src/store/db.js', () => {
  throw new Error('the store module was loaded');
});

describe('cheap commands stay cheap', () => {
  it.each([['--version'], ['--help']])('%s never loads the store', async (flag) => {
    const result = await runCli([flag]);
    expect([result.code, result.stderr]).toEqual([0, '']);
  });
});
