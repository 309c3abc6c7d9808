/**
 * The dashboard: static files from `public/`, plus Chart.js's UMD build served straight from the
 * installed package (no build step, nothing vendored into the repository).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { HttpServer } from '@rapport/kit/http';

const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

// The page runs only its own scripts and talks only to this origin: pasted API keys must not be
// readable by anything injected, and the page must not be framed.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const SECURITY_HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function chartJs(): Buffer {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'));
}

export function registerDashboardRoutes(app: HttpServer): void {
  const chart = chartJs();
  void app.register(async (plugin) => {
    await plugin.register(fastifyStatic, {
      root: PUBLIC_DIR, prefix: '/dashboard/', index: 'index.html', schemaHide: true,
      setHeaders: (reply) => {
        reply.headers(SECURITY_HEADERS);
      },
    });
    // `spec/api.md` names the page `/dashboard`; its assets use absolute paths, so no redirect is needed.
    plugin.get('/dashboard', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    plugin.get('/dashboard/vendor/chart.umd.min.js', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').headers(SECURITY_HEADERS).header('cache-control', 'public, max-age=3600').send(chart));
  });
}
