import type { FastifyReply } from 'fastify';
import { SourceId } from '@rapport/contracts';
import { malformedJson, problem, problemSchema, problemType, rawBodyOf, validationProblem, type HttpServer } from '@rapport/kit/http';
import type { Queryable } from '@rapport/kit/pg';
import * as z from 'zod';
import { adapters, answerMetaVerification, answerSlackUrlVerification, answerXCrc, isWebhookPlatform, type WebhookPlatform } from '../adapters';
import { archivePayload } from '../intake/archive-payload';
import { answeredIds, platformEvents } from '../intake/platform-events';
import { platformEventName, verifyPlatformRequest } from '../intake/platform-verification';
import { acceptsContentType, parseWebhookBody } from '../intake/webhook-body';
import { webhookDeliveryId } from '../intake/webhook-delivery-id';
import type { SourceRateLimiter } from '../limits/source-rate-limiter';
import type { SourceWithCredentials } from '../sources/source';
import type { SourceRegistry } from '../sources/source-registry';
import { membersOfAcceptedEvents } from '../store/answered-members';
import type { DurableIntake } from '../store/durable-intake';
import { acceptedResponseSchema, type AcceptedResponse } from './accepted-response';
import { registerAnyBodyParser } from './any-body-parser';
import { MAX_BODY_BYTES } from './canonical-events-route';
import { committedOrThrow, intakeRefusalResponses, notStored, rateLimited } from './intake-problems';
import { typedScope } from './typed-scope';

export interface WebhookRoutesDeps {
  sources: SourceRegistry;
  rateLimiter: SourceRateLimiter;
  intake: DurableIntake;
  /** Reads the members of earlier events (answers whose payload does not name the member). */
  db: Queryable;
  defaultRatePerSecond: number;
  retentionMs: number;
  retryAfterSeconds: number;
  now?: () => Date;
}

const params = z.object({ platform: z.string(), sourceId: z.string() });

const notFound = () => problem(404, 'Source not found', 'No active source of this platform has this id.', { type: problemType('source-not-found') });

/**
 * `GET|POST /v1/webhooks/{platform}/{sourceId}`: native platform deliveries, mapped by the adapters
 * to canonical events, with the durability, duplicate and refusal rules of the canonical route
 * (413 → 415 → 404 → 401 → 429 → 400 → 503) and a success answered as platforms expect: 200.
 * GET answers the platforms' handshakes: X's CRC and Meta's hub.challenge.
 */
export function registerWebhookRoutes(app: HttpServer, deps: WebhookRoutesDeps): void {
  const now = deps.now ?? (() => new Date());

  /** The active source registered for this platform, or 404 (503 when the registry is unreachable). */
  async function sourceFor(platformParam: string, sourceId: string): Promise<{ platform: WebhookPlatform; source: SourceWithCredentials }> {
    if (!isWebhookPlatform(platformParam) || !SourceId.safeParse(sourceId).success) throw notFound();
    let source: SourceWithCredentials | undefined;
    try {
      source = await deps.sources.findActive(sourceId);
    } catch {
      throw notStored('storage-unavailable', deps.retryAfterSeconds);
    }
    if (source?.platform !== platformParam) throw notFound();
    return { platform: platformParam, source };
  }

  void app.register((plugin, _options, done) => {
    const scope = typedScope(plugin);
    registerAnyBodyParser(scope, MAX_BODY_BYTES);

    scope.get(
      '/v1/webhooks/:platform/:sourceId',
      {
        schema: {
          tags: ['webhooks'],
          summary: "A platform's subscription handshake (X CRC, Meta hub.challenge)",
          params,
          querystring: z.record(z.string(), z.unknown()),
          response: { 200: z.unknown(), 400: problemSchema, 403: problemSchema, 404: problemSchema, 405: problemSchema },
        },
      },
      async (request, reply) => {
        const { platform, source } = await sourceFor(request.params.platform, request.params.sourceId);
        return answerHandshake(platform, source, request.query, reply);
      },
    );

    scope.post(
      '/v1/webhooks/:platform/:sourceId',
      {
        bodyLimit: MAX_BODY_BYTES,
        config: { rawBody: true },
        schema: {
          tags: ['webhooks'],
          summary: "A platform's native delivery, mapped to canonical events",
          params,
          response: {
            200: z.union([acceptedResponseSchema, z.object({ challenge: z.string() })]),
            ...intakeRefusalResponses,
          },
        },
      },
      async (request, reply) => {
        const raw = rawBodyOf(request);
        const contentType = request.headers['content-type'];
        const platformParam = request.params.platform;
        if (!acceptsContentType(isWebhookPlatform(platformParam) ? platformParam : 'x', contentType)) {
          throw problem(415, 'Unsupported media type', 'Platform deliveries are application/json.', { type: problemType('unsupported-media-type') });
        }
        const { platform, source } = await sourceFor(platformParam, request.params.sourceId);

        const receivedAt = now();
        const verified = verifyPlatformRequest(platform, source.appSecret, request.headers, raw, receivedAt);
        if (!verified.ok) {
          request.log.info({ sourceId: source.id, platform, reason: verified.reason }, 'signature refused');
          throw problem(401, 'Invalid signature', 'The delivery signature is missing, invalid or expired.', { type: problemType('invalid-signature') });
        }

        const rate = source.rateLimitPerSecond ?? deps.defaultRatePerSecond;
        const allowed = deps.rateLimiter.take(source.id, { ratePerSecond: rate, burst: rate * 2 });
        if (!allowed.ok) throw rateLimited(allowed.retryAfterSeconds);

        const body = parseWebhookBody(contentType, raw);
        if (!body.ok) throw malformedJson();
        if (platform === 'slack') {
          const challenge = answerSlackUrlVerification(body.value);
          if (challenge !== undefined) return reply.code(200).send(challenge);
        }

        const deliveryId = webhookDeliveryId(platform, request.headers, body.value, raw);
        const adapted = adapters[platform](body.value, {
          source,
          deliveryId,
          eventName: platformEventName(platform, request.headers),
          receivedAt,
        });
        if (!adapted.ok) throw validationProblem(adapted.issues, `The ${platform} payload is not one the platform sends (${adapted.reason}).`);

        let knownMembers: Map<string, string>;
        try {
          knownMembers = await membersOfAcceptedEvents(deps.db, source.id, answeredIds(adapted));
        } catch {
          throw notStored('storage-unavailable', deps.retryAfterSeconds);
        }
        const { events, ignored } = platformEvents(adapted, {
          sourceId: source.id,
          brandId: source.brandId,
          receivedAt,
          retentionMs: deps.retentionMs,
          knownMembers,
        });
        // Nothing to keep (a kind that does not matter): acknowledged without a write.
        if (events.length === 0) return reply.code(200).send({ accepted: 0, duplicates: 0, ignored, ids: [] } satisfies AcceptedResponse);

        const outcome = await deps.intake.commit({
          sourceId: source.id,
          brandId: source.brandId,
          deliveryId,
          receivedAt,
          archive: { contentType: 'application/json', payload: archivePayload(body.value) },
          events,
        });
        const result = committedOrThrow(outcome, deps.retryAfterSeconds);
        return reply.code(200).send({ accepted: result.ids.length, duplicates: result.duplicates, ignored, ids: result.ids } satisfies AcceptedResponse);
      },
    );
    done();
  });
}

function answerHandshake(platform: WebhookPlatform, source: SourceWithCredentials, query: Record<string, unknown>, reply: FastifyReply) {
  switch (platform) {
    case 'x': {
      const crc = answerXCrc(source.appSecret ?? '', query.crc_token);
      if (crc.ok) return reply.code(200).send(crc.body);
      throw problem(400, 'Invalid CRC request', `The CRC check cannot be answered (${crc.reason}).`, { type: problemType('invalid-crc') });
    }
    case 'meta': {
      const verification = answerMetaVerification(query, source.verifyToken ?? undefined);
      if (verification.ok) return reply.code(200).type('text/plain; charset=utf-8').send(verification.challenge);
      throw problem(403, 'Verification refused', 'The hub.verify_token does not match this source.', { type: problemType('verification-refused') });
    }
    case 'slack':
    case 'github':
    case 'discourse':
      throw problem(405, 'Method not allowed', `${platform} deliveries are POSTed.`, {
        type: problemType('method-not-allowed'),
        headers: { allow: 'POST' },
      });
  }
}
