export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses a request body as JSON. Malformed input gets a fixed message: the parser's own messages
 * quote the input, and a 400 is logged.
 *
 * Prototype pollution: JSON.parse stores `"__proto__"` as an own data property (it never sets the
 * prototype), and every reader of the result either validates it with zod (which builds new
 * objects from known keys and rejects reserved attribute keys) or serializes it back. No code here
 * merges parsed objects into others.
 */
export function parseJsonBody(raw: Buffer): JsonBodyResult {
  if (raw.length === 0) return { ok: false, message: 'the body is empty; expected JSON' };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
}
