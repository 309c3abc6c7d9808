import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The whole fault suite (`pnpm fault-suite`): the short cases that CI also runs with every
// `vitest run` (`faults/*.e2e.test.ts`) and the long ones only run here (`faults/*.fault.test.ts`):
// repeated random kills, Postgres restarts, slow and partitioned links, rebalances, poison
// messages and redelivery storms. One case at a time: each runs the whole system under load, and
// two cores are better spent on one case than on two cases' timing noise.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'faults',
    include: ['tools/e2e/faults/*.e2e.test.ts', 'tools/e2e/faults/*.fault.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
