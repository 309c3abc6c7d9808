import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests (fast, no I/O) and integration tests against real Kafka and
// Postgres (`*.int.test.ts`). The integration global setup finds or starts the infrastructure:
// services named in the environment, else testcontainers when a Docker engine answers, else the
// project's native Kafka runner and the local Postgres.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{services,packages,tools,bench,infra}/**/*.test.ts'],
          // `*.fault.test.ts`: the long fault suite, run by `pnpm fault-suite` (tools/e2e/vitest.faults.config.ts).
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts', '**/*.fault.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{services,packages,tools,infra}/**/*.int.test.ts', '{services,packages,tools}/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['packages/testing/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two cores: more parallel files would only fight over the broker and the CPU.
          maxWorkers: 2,
          // Run after the unit project (vitest needs a distinct group for a distinct maxWorkers).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
