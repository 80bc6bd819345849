import { Readable } from 'node:stream';
import { main } from '../../src/cli.js';

/** The outcome of one in-process CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output, no TTY, and an environment that never sees the real home. */
export async function runCli(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    io: {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    },
    env: { PATH: process.env.PATH, TZ: 'UTC', NO_COLOR: '1', ...options.env },
  });
  return { code, stdout, stderr };
}
