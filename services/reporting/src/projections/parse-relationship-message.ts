import { CE_HEADERS, CE_TYPES, RelationshipUpdated } from '@rapport/contracts';
import type { ConsumedMessage } from '@rapport/kit/kafka';

export type ParsedMessage = { ok: true; update: RelationshipUpdated } | { ok: false; reason: string };

/**
 * One `relationships.v1` record → its update, or why it can never be projected (→ DLQ). Readers
 * are tolerant: unknown fields are ignored; a record announcing another event type is refused.
 */
export function parseRelationshipMessage(message: Pick<ConsumedMessage, 'value' | 'headers'>): ParsedMessage {
  const type = message.headers[CE_HEADERS.type];
  if (type !== undefined && type !== CE_TYPES.relationships) return { ok: false, reason: `unexpected ce_type ${type.slice(0, 100)}` };
  if (message.value === null || message.value.length === 0) return { ok: false, reason: 'empty value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  const parsed = RelationshipUpdated.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, reason: `invalid RelationshipUpdated: ${issues.join('; ')}` };
  }
  return { ok: true, update: parsed.data };
}
