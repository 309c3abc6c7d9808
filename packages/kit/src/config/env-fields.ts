import * as z from 'zod';

// Building blocks for environment schemas: every value arrives as a string.

/** A TCP port, with its default. */
export function port(defaultPort: number) {
  return z.coerce
    .number({ error: 'expected an integer between 1 and 65535' })
    .int('expected an integer between 1 and 65535')
    .min(1, 'expected an integer between 1 and 65535')
    .max(65_535, 'expected an integer between 1 and 65535')
    .default(defaultPort);
}

/** A positive integer (counts, sizes in bytes). */
export function positiveInt() {
  return z.coerce.number({ error: 'expected a positive integer' }).int('expected a positive integer').positive('expected a positive integer');
}

/** `true|false|1|0|yes|no|on|off` (any case). */
export function bool() {
  return z.stringbool({ error: 'expected true or false' });
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A duration as milliseconds: `500`, `500ms`, `10s`, `5m`, `1h`. */
export function duration() {
  return z.string().transform((text, ctx) => {
    const match = DURATION.exec(text.trim());
    if (!match?.[1]) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 500ms, 10s, 5m or 1h' });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * (UNIT_MS[(match[2] ?? 'ms').toLowerCase()] ?? 1));
  });
}

/** A comma-separated list (`a, b,c`), each item checked by `item`; empty items are dropped. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).min(1, 'expected at least one item'));
}

/** A `host:port` pair, e.g. a Kafka broker. */
export function hostPort() {
  return z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'expected host:port');
}

/** A `postgres://` or `postgresql://` connection string. */
export function postgresUrl() {
  return z.string().refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    } catch {
      return false;
    }
  }, 'expected a postgres:// URL');
}

/** An http(s) URL. */
export function httpUrl() {
  return z.string().refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http(s) URL');
}

/** A secret (token, key): at least `minLength` characters. Its value never appears in an error. */
export function secret(minLength = 16) {
  return z.string().min(minLength, `expected at least ${minLength} characters`);
}
