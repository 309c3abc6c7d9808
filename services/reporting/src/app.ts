import { createHttpServer } from '@rapport/kit/http';
import type { HttpServer } from '@rapport/kit/http';
import type { Component } from '@rapport/kit/lifecycle';
import type { Logger } from '@rapport/kit/log';
import type { Registry } from '@rapport/kit/metrics';

export interface ReportingAppDeps {
  logger: Logger;
  registry: Registry;
  /** What `/readyz` checks. */
  components: readonly Component[];
  version: string;
}

/** Reporting's HTTP side (read API and dashboard join here), built from its deps: testable with inject. */
export async function buildReportingApp(deps: ReportingAppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    service: 'reporting',
    version: deps.version,
    logger: deps.logger,
    registry: deps.registry,
    components: deps.components,
    openapi: { description: 'Reporting: relationships, community health, funnel and cohorts (spec/api.md).' },
  });
  return app;
}
