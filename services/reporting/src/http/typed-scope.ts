import type { FastifyInstance } from 'fastify';
import type { HttpServer } from '@rapport/kit/http';

/** The kit server's type provider (zod), read off its type. */
type KitTypeProvider = HttpServer extends FastifyInstance<infer _S, infer _Req, infer _Res, infer _L, infer P> ? P : never;

/** An encapsulated plugin scope typed like the kit's server: zod schemas type the handlers. */
export function typedScope(scope: FastifyInstance): HttpServer {
  return scope.withTypeProvider<KitTypeProvider>();
}
