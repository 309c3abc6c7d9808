import type { FastifyRequest } from 'fastify';
import type { HttpServer } from '@rapport/kit/http';
import { counter, type Registry } from '@rapport/kit/metrics';
import { isWebhookPlatform } from '../adapters';

const CANONICAL_ROUTE = '/v1/sources/:sourceId/events';
const WEBHOOK_ROUTE = '/v1/webhooks/:platform/:sourceId';
const PROBLEM_SLUG = /"type":"https?:\/\/[^"]*\/problems\/([a-z0-9-]{1,40})"/;

/**
 * What operators ask of the intake, by platform (`canonical` for the Standard Webhooks route):
 * events accepted, acknowledged as duplicates or ignored, and deliveries refused whole with the
 * problem type as the reason. Counted from the answers, so it says exactly what senders were told.
 * NOTE: labelled by platform, not by source id: sources come and go with brands and each would be
 * a series of its own; a refused delivery's source id is in the log line of the refusal.
 */
export function registerIntakeMetrics(app: HttpServer, registry: Registry): void {
  const events = counter(registry, {
    name: 'ingestion_intake_events_total',
    help: 'Events of answered deliveries by platform and outcome: accepted (stored, published once), duplicate (acknowledged, not stored again), ignored (acknowledged, nothing to keep).',
    labelNames: ['platform', 'outcome'],
  });
  const rejections = counter(registry, {
    name: 'ingestion_intake_rejections_total',
    help: 'Deliveries refused whole (nothing stored) by platform and reason, the problem type answered (invalid-signature, rate-limited, validation, backlog-full…).',
    labelNames: ['platform', 'reason'],
  });

  // The handler's answer object, before serialization: no parsing on the success path.
  app.addHook('preSerialization', (request, reply, payload, done) => {
    const platform = intakePlatform(request);
    if (platform !== undefined && reply.statusCode < 300 && isAcceptedAnswer(payload)) {
      events.inc({ platform, outcome: 'accepted' }, payload.accepted);
      events.inc({ platform, outcome: 'duplicate' }, payload.duplicates);
      events.inc({ platform, outcome: 'ignored' }, payload.ignored.length);
    }
    done(null, payload);
  });

  // Problems are sent already serialized (kit's sendProblem): their type is read from the text.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400) {
      const platform = intakePlatform(request);
      if (platform !== undefined) {
        const slug = typeof payload === 'string' ? PROBLEM_SLUG.exec(payload)?.[1] : undefined;
        rejections.inc({ platform, reason: slug ?? `http-${reply.statusCode}` });
      }
    }
    done(null, payload);
  });
}

/** The platform of an intake POST, bounded to the known ones; undefined for any other route. */
function intakePlatform(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const route = request.routeOptions.url;
  if (route === CANONICAL_ROUTE) return 'canonical';
  if (route !== WEBHOOK_ROUTE) return undefined;
  const platform = (request.params as { platform?: unknown } | undefined)?.platform;
  return typeof platform === 'string' && isWebhookPlatform(platform) ? platform : 'unknown';
}

function isAcceptedAnswer(payload: unknown): payload is { accepted: number; duplicates: number; ignored: unknown[] } {
  if (typeof payload !== 'object' || payload === null) return false;
  const answer = payload as Record<string, unknown>;
  return typeof answer.accepted === 'number' && typeof answer.duplicates === 'number' && Array.isArray(answer.ignored);
}
