/* global process, console, fetch, AbortSignal */
// Container HEALTHCHECK: GET /healthz on the service's port, exit 0 when it answers 200.
// The defaults repeat each service's config (src/config.ts); infra/docker/compose.test.ts checks they agree.
const DEFAULT_PORTS = { ingestion: 3001, scoring: 3002, reporting: 3003 };

const port = process.env.PORT ?? DEFAULT_PORTS[process.env.SERVICE ?? ''];
if (port === undefined) {
  console.error('healthcheck: neither PORT nor a known SERVICE is set');
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
