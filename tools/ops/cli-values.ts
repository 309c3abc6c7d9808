import { InvalidArgumentError } from 'commander';

// Parsers of option values: commander calls them and reports their errors as usage errors.

/** An RFC 3339 time (`2026-11-20T10:00:00Z`, or a date `2026-11-20`, taken as UTC midnight). */
export function parseTime(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) {
    throw new InvalidArgumentError('expected an RFC 3339 time with its offset, e.g. 2026-11-20T10:00:00Z');
  }
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw new InvalidArgumentError('not a valid time');
  return time;
}

/** A Kafka offset: a non-negative integer, kept exact. */
export function parseOffset(text: string): bigint {
  if (!/^\d{1,20}$/.test(text)) throw new InvalidArgumentError('expected a non-negative integer offset');
  return BigInt(text);
}

/** `group=topic` pairs of `consumer-groups status --group`. */
export function parseGroupTopic(text: string, previous: { group: string; topic: string }[] = []): { group: string; topic: string }[] {
  const match = /^([^=\s]+)=([^=\s]+)$/.exec(text);
  if (match === null) throw new InvalidArgumentError('expected <group>=<topic>, e.g. rapport-scoring=interactions.v1');
  return [...previous, { group: match[1]!, topic: match[2]! }];
}
