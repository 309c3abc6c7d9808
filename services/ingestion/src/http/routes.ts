import type { HttpServer } from '@rapport/kit/http';
import { registerCanonicalEventsRoute, type CanonicalEventsDeps } from './canonical-events-route';
import { registerSourceRoutes, type SourceRoutesDeps } from './sources-routes';
import { registerWebhookRoutes, type WebhookRoutesDeps } from './webhook-routes';

export type IngestionRoutesDeps = SourceRoutesDeps & Omit<CanonicalEventsDeps, 'sources'> & Pick<WebhookRoutesDeps, 'db'>;

/** Every route of ingestion's own API, on the kit's server. */
export function registerIngestionRoutes(app: HttpServer, deps: IngestionRoutesDeps): void {
  registerSourceRoutes(app, deps);
  registerCanonicalEventsRoute(app, { ...deps, sources: deps.registry });
  registerWebhookRoutes(app, { ...deps, sources: deps.registry });
}
