import { defineConfig } from 'vitest/config';
import { testWorkerCount } from './tests/setup/workers.js';

// Two projects: unit tests are pure code (no Java, no Neo4j: `npm run test:unit`); integration
// tests reach real Neo4j servers that tests/setup/neo4j.ts starts: one per worker, because
// integration files reset the whole graph and so never share a server while they run.
export default defineConfig({
  test: {
    // Root options in vitest: as many workers as servers (TEST_WORKERS, 2 by default).
    fileParallelism: true,
    // One module graph per worker, not one per file: importing src/ again for every file was
    // 73 of a full run's ~750 s (vitest's "collect"; 8 s without). Safe while no test file
    // mocks a module or edits process.env (none does: a file that must, sets isolate: true in
    // a project of its own). Unit tests 34 → 16 s.
    isolate: false,
    maxWorkers: testWorkerCount(),
    minWorkers: 1,
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
          // KOL sets sample past OPIM-C's certificate up to a floor of 4 M set members, for reach
          // the tests do not measure (bench:quality does): 13 of the 14 s an INFLUENCE run took
          // on a 300-user test graph. Tests keep the certificate and a floor of 100,000.
          env: { KOL_SAMPLE_FLOOR: '100000' },
          testTimeout: 60_000,
          // expect.poll waits 1 s by default: too short for a page to fetch and draw while
          // another worker loads the machine.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
