export { createPool, type CreatePoolOptions, type PgPool } from './pool';
export { transaction, type IsolationLevel, type TransactionOptions } from './transaction';
export { q, tagSql, type Queryable } from './tagged-query';
export { isTransientPgError, isRetryableTransactionError, errorCode, describePgError } from './transient-errors';
export { migrate, MigrationError, type MigrateOptions } from './migrate';
export { registerPoolMetrics } from './pool-metrics';
export { assertPlainIdentifier } from './sql-identifier';
