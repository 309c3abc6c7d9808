/**
 * Response serialization with fast-json-stringify (Fastify's own fast serializer), compiled from
 * the JSON Schema of each route's zod response schema — the same schema the type provider turns
 * into the OpenAPI document. Unlike the type provider's default serializer it does not re-validate
 * every answer with zod: the handlers build answers from typed values, and the schema still
 * decides which fields leave the process.
 */
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import * as z from 'zod';

export function compileFastSerializer(schema: z.ZodType): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

export const fastSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) => compileFastSerializer(schema);
