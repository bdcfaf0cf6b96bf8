import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Child processes (eslint, the CLI, npm pack) make some suites slow on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
