import type { TestProject } from 'vitest/node';
import './provided-context';
import { resolveInfrastructure } from './infrastructure';

/**
 * vitest global setup of the integration project: finds or starts Kafka and Postgres once per
 * run and hands their addresses to the tests (`inject('kafkaBrokers')`,
 * `inject('adminDatabaseUrl')`). Containers it started are stopped at the end; the native
 * broker is shared and left running.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infrastructure = await resolveInfrastructure();
  console.log(`integration infrastructure: Kafka from ${infrastructure.origin.kafka}, Postgres from ${infrastructure.origin.postgres}`);
  project.provide('kafkaBrokers', infrastructure.kafkaBrokers);
  project.provide('adminDatabaseUrl', infrastructure.adminDatabaseUrl);
  return () => infrastructure.release();
}
