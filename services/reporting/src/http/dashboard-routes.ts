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

function chartJs(): Buffer {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'));
}

export function registerDashboardRoutes(app: HttpServer): void {
  const chart = chartJs();
  void app.register(async (plugin) => {
    await plugin.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/dashboard/', redirect: true, index: 'index.html', schemaHide: true });
    plugin.get('/dashboard/vendor/chart.umd.min.js', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(chart));
  });
}
