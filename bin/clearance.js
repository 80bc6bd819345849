#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (npm run build).
// `clearance hook` runs inside every Claude Code tool call: it loads only its own small module
// (no meow/ink/sqlite) and always exits 0.
const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
  // loads nothing but package.json: the CLI module graph (meow, sqlite) is most of a start-up
  import('node:fs').then(({ readFileSync }) => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${pkg.version}\n`);
  });
} else if (argv[0] === 'hook') {
  import('../dist/src/commands/hook.js').then(
    ({ runHookProcess }) =>
      runHookProcess(argv.slice(1), process.env, process.stdin).then(() => {
        process.exit(0);
      }),
    () => {
      process.exit(0);
    },
  );
} else {
  // `clearance usage | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  import('../dist/src/cli.js').then(({ main }) =>
    main(argv).then(
      (code) => {
        process.exitCode = code;
      },
      (error) => {
        process.stderr.write(
          `clearance: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 70;
      },
    ),
  );
}
