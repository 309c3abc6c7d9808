import { fileURLToPath } from 'node:url';

// What the runner hands every benchmark process, through its environment. A benchmark started on
// its own (`pnpm tsx bench/ingestion.bench.ts`) gets the local defaults.

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const VARIABLES = {
  kafkaBrokers: 'BENCH_KAFKA_BROKERS',
  adminDatabaseUrl: 'BENCH_ADMIN_DATABASE_URL',
  artifactsDir: 'BENCH_ARTIFACTS_DIR',
  profile: 'BENCH_PROFILE',
} as const;

export interface BenchEnvironment {
  kafkaBrokers: string[];
  /** A superuser connection string; benchmarks create and drop their own database with it. */
  adminDatabaseUrl: string;
  /** Where a benchmark may leave logs and profiles (inside the git-ignored bench/results/). */
  artifactsDir: string;
  /** Run the measured service processes under `node --cpu-prof`. */
  profile: boolean;
}

export function benchEnvironmentVariables(environment: BenchEnvironment): Record<string, string> {
  return {
    [VARIABLES.kafkaBrokers]: environment.kafkaBrokers.join(','),
    [VARIABLES.adminDatabaseUrl]: environment.adminDatabaseUrl,
    [VARIABLES.artifactsDir]: environment.artifactsDir,
    [VARIABLES.profile]: environment.profile ? '1' : '0',
  };
}

export function benchEnvironmentFrom(env: NodeJS.ProcessEnv, now: Date = new Date()): BenchEnvironment {
  const brokers = env[VARIABLES.kafkaBrokers]?.split(',').map((b) => b.trim()).filter((b) => b !== '');
  return {
    kafkaBrokers: brokers !== undefined && brokers.length > 0 ? brokers : ['127.0.0.1:9092'],
    adminDatabaseUrl: env[VARIABLES.adminDatabaseUrl] || 'postgres://postgres@127.0.0.1:5432/postgres',
    artifactsDir: env[VARIABLES.artifactsDir] || `${REPO_ROOT}bench/results/${runStamp(now)}-standalone`,
    profile: env[VARIABLES.profile] === '1',
  };
}

/** `2025-11-25T23-50-01Z`: a timestamp that sorts and is a valid file name everywhere. */
export function runStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}
