import type { FastifyInstance } from 'fastify';

/**
 * Within `scope`, reads a body of ANY content type as raw bytes (bounded by `bodyLimit`), and
 * gives a request without a body an empty Buffer. The route then decides the 415 itself, after the
 * size rule: `spec/api.md` ranks "over 1 MiB → 413" before "not JSON → 415", and Fastify would
 * otherwise refuse an unknown type before reading (and measuring) the body. `application/json`
 * keeps the kit's parser, which leaves raw-body routes their bytes.
 */
export function registerAnyBodyParser(scope: FastifyInstance, bodyLimit: number): void {
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    done(null, body);
  });
  scope.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined || request.body === null) request.body = Buffer.alloc(0);
    done();
  });
}

/** `application/json`, parameters (`; charset=utf-8`) allowed; anything else is a 415. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
}
