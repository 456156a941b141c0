import { defineConfig } from 'vitest/config';

// Two projects: unit tests are pure code (no Java, no Neo4j: `npm run test:unit`); integration
// tests share one real Neo4j that tests/setup/neo4j.ts starts or reaches.
export default defineConfig({
  test: {
    // One Neo4j database, and integration tests reset the whole graph: files run one at a time
    // (a root option in vitest; unit files are fast enough not to mind).
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/contracts/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          globalSetup: ['tests/setup/neo4j.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
