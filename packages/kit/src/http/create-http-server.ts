import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { contextFromTraceparent, runWithContext } from '../context/request-context';
import type { Component } from '../lifecycle/component';
import { registerBackPressure } from './back-pressure';
import type { BackPressureOptions } from './back-pressure';
import { bodyTooLarge, problemFor, sendProblem, shuttingDown } from './error-problems';
import { registerHttpMetrics } from './http-metrics';
import { MethodTable } from './method-table';
import { registerOpenApi } from './openapi';
import type { OpenApiRegistry, SecurityScheme } from './openapi';
import { registerOpsRoutes } from './ops-routes';
import { HttpProblem, problemType } from './problem';
import { installJsonParser } from './raw-body';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { validatorCompiler } from './request-validation';
import type { HttpServer } from './http-server';

export type { HttpServer } from './http-server';

export interface CreateHttpServerOptions {
  service: string;
  /** The service's version, shown in the OpenAPI document. */
  version: string;
  logger: Logger;
  registry: Registry;
  /**
   * What `/readyz` checks. Read at each probe, so components created after the server can be
   * pushed onto the same array.
   */
  components: readonly Component[];
  /** Largest request body in bytes, unless a route says otherwise. Default 1 MiB. */
  bodyLimit?: number;
  /** Each readiness check gives up after this. Default 2000 ms. */
  readinessTimeoutMs?: number;
  /** Load shedding; `false` turns it off. */
  backPressure?: BackPressureOptions | false;
  openapi?: {
    title?: string;
    description?: string;
    schemaRegistry?: OpenApiRegistry;
    /** Added to the `adminToken` and `apiKey` bearer schemes routes may name in `schema.security`. */
    securitySchemes?: Record<string, SecurityScheme>;
  };
  /** Trust `X-Forwarded-*` from a proxy in front (Kubernetes ingress). Default false. */
  trustProxy?: boolean;
}

const contextResource = Symbol('rapport.contextResource');
declare module 'fastify' {
  interface FastifyRequest {
    [contextResource]?: AsyncResource;
  }
}

/**
 * A Fastify app with everything Rapport's services share (docs/architecture.md):
 * zod validation and OpenAPI, problem+json errors, `x-request-id`, `/healthz`, `/readyz`,
 * `/metrics`, back-pressure, JSON bodies with opt-in raw bytes, and draining on close.
 * Routes are added by the caller afterwards.
 */
export async function createHttpServer(options: CreateHttpServerOptions): Promise<HttpServer> {
  // pino's Logger is a FastifyBaseLogger; saying so keeps every helper free of pino's generics.
  const app: HttpServer = Fastify<Server, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: options.logger,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // On close: stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
    forceCloseConnections: 'idle',
    // NOTE: Fastify's own 503-on-closing answers plain JSON; the hook below answers problem+json.
    return503OnClosing: false,
    trustProxy: options.trustProxy ?? false,
    // NOTE: past its default of 100 characters the router answers a bare 414 before any hook;
    // a bound at the size of the request head itself (Node: 16 KiB) lets over-long ids reach
    // validation and get a problem+json 400 (or the 401/403 that comes first) instead.
    routerOptions: { maxParamLength: 16_384 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installJsonParser(app);

  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  // First hook of every request: its id on the answer, its trace context for every log line
  // written while it is handled, and the cheap refusals.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (closing) {
      void sendProblem(reply, request, shuttingDown());
      done();
      return;
    }
    // NOTE: a declared Content-Length over the limit is a 413 before anything else, even before
    // a 415 for the wrong content type, without reading a byte of the body.
    const length = Number(request.headers['content-length']);
    if (length > request.routeOptions.bodyLimit) {
      void sendProblem(reply, request, bodyTooLarge(request.routeOptions.bodyLimit));
      done();
      return;
    }
    const traceparent = request.headers.traceparent;
    runWithContext(contextFromTraceparent(typeof traceparent === 'string' ? traceparent : undefined, request.id), () => {
      request[contextResource] = new AsyncResource('rapport.request');
      done();
    });
  });
  // Reading the body runs in the socket's async context; re-enter the request's before the
  // validation and the handler run.
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = request[contextResource];
    if (resource) resource.runInAsyncScope(done);
    else done();
  });

  const methods = new MethodTable();
  app.addHook('onRoute', (route) => methods.add(route.url, route.method));

  app.setErrorHandler((error, request, reply) => {
    const httpProblem = problemFor(error, request);
    if (httpProblem.status >= 500 && !(error instanceof HttpProblem)) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.debug({ problem: httpProblem.type, status: httpProblem.status }, 'request refused');
    }
    return sendProblem(reply, request, httpProblem);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    const allowed = methods.allowed(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      const detail = `${request.method} is not allowed here; use ${allowed.join(', ')}.`;
      return sendProblem(
        reply,
        request,
        new HttpProblem(405, 'Method not allowed', detail, { type: problemType('method-not-allowed'), headers: { allow: allowed.join(', ') } }),
      );
    }
    return sendProblem(reply, request, new HttpProblem(404, 'Not found', `Nothing is served at ${path}.`, { type: problemType('not-found') }));
  });

  registerHttpMetrics(app, options.registry);
  if (options.backPressure !== false) await registerBackPressure(app, options.backPressure ?? {});
  await registerOpenApi(
    app,
    {
      title: options.openapi?.title ?? `Rapport ${options.service}`,
      version: options.version,
      ...(options.openapi?.description === undefined ? {} : { description: options.openapi.description }),
    },
    {
      ...(options.openapi?.schemaRegistry === undefined ? {} : { schemaRegistry: options.openapi.schemaRegistry }),
      ...(options.openapi?.securitySchemes === undefined ? {} : { securitySchemes: options.openapi.securitySchemes }),
    },
  );
  registerOpsRoutes(app, {
    components: options.components,
    registry: options.registry,
    readinessTimeoutMs: options.readinessTimeoutMs ?? 2_000,
  });
  return app;
}

/** The HTTP server as a lifecycle component: stopped first, it drains in-flight requests. */
export function httpComponent(app: FastifyInstance | HttpServer, id = 'http'): Component {
  let closing: Promise<void> | undefined;
  return {
    id,
    healthcheck: () => Promise.resolve({ ok: true }),
    stop: () => (closing ??= app.close()),
  };
}
