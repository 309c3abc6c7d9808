export { createTestDatabase, adminDatabaseUrl, type TestDatabase } from './postgres';
