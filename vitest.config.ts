import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    env: { TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0' },
    pool: 'forks',
    // one temp root per run, removed at the end: no test leaves clearance-* dirs in /tmp
    globalSetup: ['test/helpers/temp-root.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
