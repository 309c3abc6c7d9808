import * as z from 'zod';
import { CloudEventHeaders } from '../cloudevents';
import { DeadLetterHeaders } from '../dlq';
import { ErasureReceipt, ErasureRequested } from '../erasure';
import { InteractionEvent, InteractionEventInput } from '../interaction';
import { InteractionBatchInput } from '../interaction-batch';
import { ModelActivated } from '../model';
import { RelationshipUpdated } from '../relationship';

export type JsonSchema = Record<string, unknown>;

/** Every schema published as a file, by name. Kafka payloads, headers and the HTTP input. */
export const DOCUMENTED_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  InteractionEvent,
  InteractionEventInput,
  InteractionBatchInput,
  RelationshipUpdated,
  ModelActivated,
  ErasureRequested,
  ErasureReceipt,
  CloudEventHeaders,
  DeadLetterHeaders,
};

export const GENERATED_NOTE = 'Generated from the zod schemas of packages/contracts; run `pnpm --filter @rapport/contracts generate`.';

// NOTE: draft-07, because an AsyncAPI 3.0 Schema Object is a superset of draft-07 and the
// standalone files should be byte-for-byte the same schemas. `io: 'input'` describes what a reader
// accepts: unknown properties are allowed (readers are tolerant), defaults are optional.
const OPTIONS = { target: 'draft-07', io: 'input', unrepresentable: 'throw' } as const;

/** A self-contained JSON Schema document for one schema (references go to its `definitions`). */
export function standaloneJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema, ...rest } = z.toJSONSchema(schema, OPTIONS) as JsonSchema;
  return { $schema, $comment: GENERATED_NOTE, ...rest };
}

/**
 * The named schemas for an AsyncAPI `components.schemas`, referencing each other at
 * `#/components/schemas/<name>`.
 */
export function componentSchemas(schemas: Readonly<Record<string, z.ZodType>>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { ...OPTIONS, uri: (id) => `#/components/schemas/${id}` });
  const result: Record<string, JsonSchema> = {};
  for (const id of Object.keys(schemas)) {
    // `$id`/`$schema` make no sense inside another document: the AsyncAPI document is the base.
    const { $id: _id, $schema: _schema, ...rest } = out.schemas[id] as JsonSchema;
    result[id] = rest;
  }
  return result;
}
