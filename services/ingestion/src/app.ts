import { createHttpServer } from '@rapport/kit/http';
import type { BackPressureOptions, HttpServer } from '@rapport/kit/http';
import type { Component } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';
import { registerIntakeMetrics } from './http/intake-metrics';
import { registerIngestionRoutes } from './http/routes';
import type { IngestionRoutesDeps } from './http/routes';

export interface IngestionAppDeps {
  logger: Logger;
  registry: Registry;
  /** What `/readyz` checks. */
  components: readonly Component[];
  version: string;
  routes: IngestionRoutesDeps;
  backPressure?: BackPressureOptions | false;
}

/** Ingestion's HTTP side, built from its deps: testable with inject. */
export async function buildIngestionApp(deps: IngestionAppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    service: 'ingestion',
    version: deps.version,
    logger: deps.logger,
    registry: deps.registry,
    components: deps.components,
    ...(deps.backPressure === undefined ? {} : { backPressure: deps.backPressure }),
    openapi: { description: 'Ingestion: sources, canonical events and platform webhooks (spec/api.md).' },
  });
  registerIntakeMetrics(app, deps.registry);
  registerIngestionRoutes(app, deps.routes);
  return app;
}
