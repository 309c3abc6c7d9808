/**
 * The first check of every brand route, in the order `spec/api.md` fixes: no key or a bad key →
 * 401; a brand outside the key's scope → 403, whatever the rest of the request — both before any
 * parameter is validated, so a caller learns nothing about another brand's data or its ids.
 */
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '@rapport/kit/http';
import type { ApiKeyVerifier } from '../access/api-key-verifier';
import { forbiddenBrand, unauthorized } from './problems';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified API key's id (rate limits are per key). */
    apiKeyId?: string;
  }
}

export function requireBrandAccess(verifier: ApiKeyVerifier) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw unauthorized('Brand routes take Authorization: Bearer <api key>.');
    const key = await verifier.verify(token);
    if (key === null) throw unauthorized('The API key is not valid.');
    // NOTE: the raw path parameter, before validation: a malformed brand id is simply out of scope.
    const brandId = (request.params as { brandId?: unknown }).brandId;
    if (typeof brandId !== 'string' || !key.brands.has(brandId)) throw forbiddenBrand();
    request.apiKeyId = key.id;
  };
}
