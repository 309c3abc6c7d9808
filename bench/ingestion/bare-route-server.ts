// The ceiling of the ingestion benchmark: a bare Fastify app in its own process with the same route
// path as ingestion's canonical endpoint that parses the JSON body and answers 202 with the number
// of events. No logging, validation, signature, storage: what HTTP and JSON alone cost on this
// machine, so ingestion's rate can be read as a share of it.
import Fastify from 'fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT is required');

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });

app.get('/healthz', () => ({ status: 'ok' }));

app.post<{ Body: { events?: unknown[] } }>('/v1/sources/:sourceId/events', (request, reply) => {
  const accepted = Array.isArray(request.body.events) ? request.body.events.length : 1;
  return reply.code(202).send({ accepted });
});

await app.listen({ host: '127.0.0.1', port });

const close = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
