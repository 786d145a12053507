import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Storage suites open real PostgreSQL connections and PGlite instances; forks keep
    // their memory apart and let a crashed worker fail alone.
    pool: 'forks',
  },
});
