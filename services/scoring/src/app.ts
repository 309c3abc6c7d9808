import { createHttpServer } from '@rapport/kit/http';
import type { HttpServer } from '@rapport/kit/http';
import type { Component } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';

export interface ScoringAppDeps {
  logger: Logger;
  registry: Registry;
  /** What `/readyz` checks. */
  components: readonly Component[];
  version: string;
}

/** Scoring's HTTP side (admin routes join here), built from its deps: testable with inject. */
export async function buildScoringApp(deps: ScoringAppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    service: 'scoring',
    version: deps.version,
    logger: deps.logger,
    registry: deps.registry,
    components: deps.components,
    openapi: { description: 'Scoring: relationship model administration (spec/api.md).' },
  });
  return app;
}
