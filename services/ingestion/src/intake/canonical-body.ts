import {
  formatIssuePath,
  parseIngestBody,
  summarizeIssues,
  toInteractionEvent,
  type InteractionEvent,
  type IssueSummary,
} from '@rapport/contracts';
import { archivePayload } from './archive-payload';
import { checkOccurredAt } from './event-time-window';
import { parseJsonBody } from './json-body';

export interface CanonicalBodyContext {
  sourceId: string;
  brandId: string;
  receivedAt: Date;
  /** Events older than this (relative to receivedAt) are refused. */
  retentionMs: number;
}

export type CanonicalBodyResult =
  | { ok: true; events: InteractionEvent[]; archive: string }
  | { ok: false; detail: string; errors: IssueSummary[] };

/**
 * The pure part of `POST /v1/sources/{sourceId}/events` once the sender is verified: the raw body
 * → canonical events (ingestion's fields set, raw emails hashed) and the archivable payload, or
 * every failing path of the body at once.
 */
export function canonicalBody(raw: Buffer, ctx: CanonicalBodyContext): CanonicalBodyResult {
  const json = parseJsonBody(raw);
  if (!json.ok) return { ok: false, detail: json.message, errors: [{ path: '', message: json.message }] };

  const parsed = parseIngestBody(json.value);
  const schemaErrors = parsed.ok ? [] : summarizeIssues(parsed.error);
  const timeErrors = timeWindowErrors(json.value, ctx, new Set(schemaErrors.map((e) => e.path)));
  const errors = [...schemaErrors, ...timeErrors];
  if (!parsed.ok || errors.length > 0) {
    return { ok: false, detail: `the body does not match the contract (${errors.length} problem${errors.length === 1 ? '' : 's'})`, errors };
  }

  const context = { brandId: ctx.brandId, sourceId: ctx.sourceId, receivedAt: ctx.receivedAt.toISOString() };
  return {
    ok: true,
    events: parsed.events.map((input) => toInteractionEvent(input, context)),
    archive: archivePayload(json.value, raw),
  };
}

// Read from the raw body rather than the parsed events, so that the time of an event whose other
// fields fail is reported too: a 400 lists every failing path at once.
function timeWindowErrors(body: unknown, ctx: CanonicalBodyContext, alreadyFailing: Set<string>): IssueSummary[] {
  const items: { value: unknown; path: (string | number)[] }[] = [];
  if (isRecord(body) && 'events' in body) {
    if (Array.isArray(body.events)) body.events.forEach((value, index) => items.push({ value, path: ['events', index] }));
  } else {
    items.push({ value: body, path: [] });
  }
  const errors: IssueSummary[] = [];
  for (const { value, path } of items) {
    if (!isRecord(value) || typeof value.occurredAt !== 'string') continue;
    const at = formatIssuePath([...path, 'occurredAt']);
    if (alreadyFailing.has(at)) continue;
    const check = checkOccurredAt(value.occurredAt, ctx.receivedAt, ctx.retentionMs);
    if (!check.ok) errors.push({ path: at, message: check.message });
  }
  return errors;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
