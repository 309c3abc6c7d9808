import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { ConfigError, loadConfig } from '../config/load-config';

/**
 * For `main.ts` only: the configuration, or — when it does not parse — every problem printed to
 * stderr and exit 1, before any logger exists. Library code calls `loadConfig` and lets it throw.
 */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The `version` of a package.json (`new URL('../package.json', import.meta.url)`). */
export function readPackageVersion(packageJson: URL): string {
  const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
