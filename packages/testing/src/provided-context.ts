// What the integration global setup hands to every test file through `inject(...)`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Bootstrap brokers (`host:port`) of the Kafka the tests run against. */
    kafkaBrokers: string[];
    /** A superuser connection string (server-level) to create per-test databases with. */
    adminDatabaseUrl: string;
  }
}

export {};
