import { InteractionIngestBody, SourceId } from '@rapport/contracts';
import { problem, problemType, rawBodyOf, validationProblem, type HttpServer } from '@rapport/kit/http';
import * as z from 'zod';
import { canonicalBody } from '../intake/canonical-body';
import { storedDeliveryId } from '../intake/delivery-key';
import type { SourceRateLimiter } from '../limits/source-rate-limiter';
import { verifyStandardWebhook } from '../signatures';
import { validSecrets } from '../sources/source';
import type { SourceRegistry } from '../sources/source-registry';
import type { DurableIntake } from '../store/durable-intake';
import { acceptedResponseSchema, type AcceptedResponse } from './accepted-response';
import { isJsonContentType, registerAnyBodyParser } from './any-body-parser';
import { committedOrThrow, intakeRefusalResponses, notStored, rateLimited } from './intake-problems';
import { typedScope } from './typed-scope';

export const MAX_BODY_BYTES = 1_048_576;

export interface CanonicalEventsDeps {
  sources: SourceRegistry;
  rateLimiter: SourceRateLimiter;
  intake: DurableIntake;
  /** Requests per second of a source registered without its own limit. */
  defaultRatePerSecond: number;
  /** Events older than this are refused (the default brand retention, 2 years). */
  retentionMs: number;
  /** `Retry-After` of a 503. */
  retryAfterSeconds: number;
  now?: () => Date;
}

const headersSchema = z.object({
  'webhook-id': z.string().optional().describe('The delivery id; a redelivery carries the same one'),
  'webhook-timestamp': z.string().optional().describe('Unix seconds, within 5 minutes of now'),
  'webhook-signature': z.string().optional().describe('v1,<base64 HMAC-SHA256> (space-separated list allowed)'),
});

/**
 * `POST /v1/sources/{sourceId}/events`: canonical events signed with Standard Webhooks.
 *
 * The first rule that applies wins (`spec/api.md`): 413 body over 1 MiB → 415 not JSON → 404
 * unknown or disabled source → 401 signature (over the raw bytes, before any parsing) → 429 rate
 * (counted only once the sender is verified) → 400 body → 503 storage. A 202 means every accepted
 * event is committed.
 */
export function registerCanonicalEventsRoute(app: HttpServer, deps: CanonicalEventsDeps): void {
  const now = deps.now ?? (() => new Date());

  void app.register((plugin, _options, done) => {
    const scope = typedScope(plugin);
    registerAnyBodyParser(scope, MAX_BODY_BYTES);

    scope.post(
      '/v1/sources/:sourceId/events',
      {
        bodyLimit: MAX_BODY_BYTES,
        config: { rawBody: true },
        schema: {
          tags: ['events'],
          summary: 'Post canonical interaction events (one, or a batch of up to 1,000)',
          params: z.object({ sourceId: z.string() }),
          headers: headersSchema,
          body: InteractionIngestBody,
          response: {
            202: acceptedResponseSchema,
            ...intakeRefusalResponses,
          },
        },
      },
      async (request, reply) => {
        const raw = rawBodyOf(request);
        if (!isJsonContentType(request.headers['content-type'])) {
          throw problem(415, 'Unsupported media type', 'Send the events as application/json.', {
            type: problemType('unsupported-media-type'),
          });
        }

        // NOTE: an id that cannot be a source id is answered exactly like an unknown one, without
        // a lookup (and so without ever sending odd bytes to Postgres).
        const { sourceId } = request.params;
        const source = SourceId.safeParse(sourceId).success ? await lookUp(deps, sourceId) : undefined;
        if (source === undefined) {
          throw problem(404, 'Source not found', 'No active source has this id.', { type: problemType('source-not-found') });
        }

        const receivedAt = now();
        const verified = verifyStandardWebhook({
          secrets: validSecrets(source, receivedAt),
          id: request.headers['webhook-id'],
          timestamp: request.headers['webhook-timestamp'],
          signatureHeader: request.headers['webhook-signature'],
          rawBody: raw,
          now: receivedAt,
        });
        if (!verified.ok) {
          request.log.info({ sourceId, reason: verified.reason }, 'signature refused');
          throw problem(401, 'Invalid signature', 'The webhook signature is missing, invalid or expired.', {
            type: problemType('invalid-signature'),
          });
        }

        const rate = source.rateLimitPerSecond ?? deps.defaultRatePerSecond;
        const allowed = deps.rateLimiter.take(sourceId, { ratePerSecond: rate, burst: rate * 2 });
        if (!allowed.ok) throw rateLimited(allowed.retryAfterSeconds);

        const body = canonicalBody(raw, { sourceId, brandId: source.brandId, receivedAt, retentionMs: deps.retentionMs });
        if (!body.ok) throw validationProblem(body.errors, body.detail);

        const outcome = await deps.intake.commit({
          sourceId,
          brandId: source.brandId,
          // Verified above: a non-empty string.
          deliveryId: storedDeliveryId(request.headers['webhook-id'] as string),
          receivedAt,
          archive: { contentType: 'application/json', payload: body.archive },
          events: body.events,
        });
        const result = committedOrThrow(outcome, deps.retryAfterSeconds);
        const answer: AcceptedResponse = { accepted: result.ids.length, duplicates: result.duplicates, ignored: [], ids: result.ids };
        return reply.code(202).send(answer);
      },
    );
    done();
  });
}

/** The active source, or a 503 when the registry cannot be read (Postgres down, cache cold). */
async function lookUp(deps: CanonicalEventsDeps, sourceId: string) {
  try {
    return await deps.sources.findActive(sourceId);
  } catch {
    // NOTE: never a 404 here: the source may well exist, and a 404 would make a sender give up.
    throw notStored('storage-unavailable', deps.retryAfterSeconds);
  }
}
