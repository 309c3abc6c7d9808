/**
 * What a handler decided for one message. Handlers return outcomes instead of throwing for
 * control flow, so the runner can commit exactly what was done:
 * - `ok`: processed (or deliberately ignored); its offset may be committed.
 * - `retry`: not processed because something outside the message failed (Postgres down, a
 *   timeout). Nothing at or after it is committed; the partition backs off and tries again.
 * - `dlq`: the message itself is bad and will never succeed. It is copied to `<topic>.dlq` with
 *   its provenance and the partition moves on.
 */
export type MessageOutcome = { kind: 'ok' } | { kind: 'retry'; error: unknown } | { kind: 'dlq'; reason: string };

export const OK: MessageOutcome = Object.freeze({ kind: 'ok' });

export function retry(error: unknown): MessageOutcome {
  return { kind: 'retry', error };
}

/** `reason` travels in the `dlq_reason` header: say what is wrong, never a secret or a payload. */
export function deadLetter(reason: string): MessageOutcome {
  return { kind: 'dlq', reason };
}
