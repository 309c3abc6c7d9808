import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface BenchFile {
  /** `ingestion` for `ingestion.bench.ts`. */
  name: string;
  path: string;
}

const BENCH_FILE = /^([a-z0-9][a-z0-9-]*)\.bench\.ts$/;

/** Benchmark files among `fileNames`, by name. */
export function benchFilesAmong(dir: string, fileNames: readonly string[]): BenchFile[] {
  return fileNames
    .map((file) => BENCH_FILE.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1]!, path: join(dir, match[0]) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every `<dir>/*.bench.ts`, sorted by name. */
export async function discoverBenchmarks(dir: string): Promise<BenchFile[]> {
  return benchFilesAmong(dir, await readdir(dir));
}

export type Selection = { ok: true; files: BenchFile[] } | { ok: false; error: string };

/** The named benchmarks in the order asked (all when none named); an unknown name is an error. */
export function selectBenchmarks(all: readonly BenchFile[], names: readonly string[]): Selection {
  if (names.length === 0) return { ok: true, files: [...all] };
  const unknown = names.filter((name) => !all.some((file) => file.name === name));
  if (unknown.length > 0) {
    return { ok: false, error: `unknown benchmark ${unknown.join(', ')}; available: ${all.map((f) => f.name).join(', ') || 'none'}` };
  }
  const unique = [...new Set(names)];
  return { ok: true, files: unique.map((name) => all.find((file) => file.name === name)!) };
}
