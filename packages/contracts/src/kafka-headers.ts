/** Header values as Kafka clients hand them over (kafkajs `IHeaders` is assignable to this). */
export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type KafkaHeaders = Readonly<Record<string, KafkaHeaderValue>>;

export type HeaderRead = { ok: true; value: string | undefined } | { ok: false; error: string };

/**
 * One header as UTF-8 text. A header sent twice arrives as an array; unless both copies agree it
 * is ambiguous (which one did the producer mean?), so it is an error rather than a guess.
 */
export function readHeader(headers: KafkaHeaders, name: string): HeaderRead {
  const raw = headers[name];
  if (raw === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(raw)) return { ok: true, value: decode(raw) };
  const values = new Set(raw.map(decode));
  if (values.size > 1) return { ok: false, error: `header ${name} has ${values.size} different values` };
  return { ok: true, value: values.values().next().value };
}

function decode(v: Buffer | string): string {
  return typeof v === 'string' ? v : v.toString('utf8');
}

/** Reads the named headers into a plain object of strings (absent ones left out). */
export function readHeaders(headers: KafkaHeaders, names: readonly string[]): { ok: true; value: Record<string, string> } | { ok: false; error: string } {
  const value: Record<string, string> = {};
  for (const name of names) {
    const r = readHeader(headers, name);
    if (!r.ok) return r;
    if (r.value !== undefined) value[name] = r.value;
  }
  return { ok: true, value };
}
