import type * as z from 'zod';

/**
 * A configuration that does not parse. The message lists every problem, one per line
 * (`PORT: expected an integer between 1 and 65535`), and never a value: a bad secret must not
 * end up in a crash log.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment once at boot against a service's schema; throws ConfigError. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, env)));
}

function describeIssue(issue: z.core.$ZodIssue, env: Env): string {
  const key = issue.path.map(String).join('.') || '(environment)';
  // NOTE: zod says "expected string, received undefined" for a missing variable; say it plainly.
  const missing = issue.code === 'invalid_type' && issue.path.length === 1 && env[key] === undefined;
  // TRICKY: messages are zod's or our helpers', none of which quote the input. Do not add a
  // custom message that interpolates the value.
  return `${key}: ${missing ? 'is required' : issue.message}`;
}
