import { CE_HEADERS, CE_TYPES, InteractionEvent, summarizeIssues, Traceparent } from '@rapport/contracts';
import type { ConsumedMessage } from '@rapport/kit/kafka';

export type ParsedInteraction =
  | { ok: true; event: InteractionEvent; traceparent: string | undefined }
  | { ok: false; reason: string };

const MAX_LISTED_ISSUES = 5;

/**
 * Reads one `interactions.v1` record with the contract. A record that can never be an interaction
 * (no value, not JSON, not an `InteractionEvent`, another CloudEvents type) is refused with a
 * reason for its dead letter: what is wrong and where, never the payload itself.
 */
export function parseInteraction(message: ConsumedMessage): ParsedInteraction {
  const type = message.headers[CE_HEADERS.type];
  if (type !== undefined && type !== CE_TYPES.interactions) return { ok: false, reason: `unexpected ce_type ${JSON.stringify(type.slice(0, 100))}` };
  if (message.value === null || message.value.length === 0) return { ok: false, reason: 'empty value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  const parsed = InteractionEvent.safeParse(json);
  if (!parsed.success) {
    const issues = summarizeIssues(parsed.error);
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`);
    const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more` : '';
    return { ok: false, reason: `not an InteractionEvent: ${listed.join('; ')}${more}` };
  }
  const traceparent = message.headers[CE_HEADERS.traceparent];
  return { ok: true, event: parsed.data, traceparent: traceparent !== undefined && Traceparent.safeParse(traceparent).success ? traceparent : undefined };
}
