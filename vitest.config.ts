import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `ztoq-source` condition, so
// tests run against src/ without a build; everything else resolves the built dist/.
const sourceCondition = ['ztoq-source'];

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition, externalConditions: sourceCondition } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Storage suites open real PostgreSQL connections and PGlite instances; forks keep
    // their memory apart and let a crashed worker fail alone.
    pool: 'forks',
    // Most suites wait on sockets (simulators, PostgreSQL, child processes) rather than compute,
    // so more workers than cores keep a 2-core CI machine busy instead of idle.
    poolOptions: { forks: { maxForks: 4, minForks: 1 } },
  },
});
