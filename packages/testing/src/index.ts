import './provided-context';

export { createTestDatabase, adminDatabaseUrl, type TestDatabase } from './postgres';
export {
  committedOffsets,
  consumeAll,
  createTestTopics,
  deleteTestTopics,
  testKafkaBrokers,
  uniqueName,
  type ConsumeAllOptions,
  type ReadMessage,
  type TestTopic,
} from './kafka';
export { parseBrokers, resolveInfrastructure, type Infrastructure } from './infrastructure';
