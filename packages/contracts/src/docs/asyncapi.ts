import type * as z from 'zod';
import { CE_HEADERS, CloudEventHeaders } from '../cloudevents';
import { DeadLetterHeaders } from '../dlq';
import { dlqTopic } from '../topics';
import { CHANNELS, type ChannelSpec } from './channels';
import { componentSchemas, GENERATED_NOTE, type JsonSchema } from './json-schemas';

type Doc = Record<string, unknown>;

const KAFKA_BINDING_VERSION = '0.5.0';
const DLQ_READER = 'dlq-replay';

const ref = ($ref: string) => ({ $ref });
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The CloudEvents headers of one topic's messages: the common schema with its `ce_type` fixed. */
function headersFor(spec: ChannelSpec, deadLetter: boolean): JsonSchema {
  const parts: JsonSchema[] = [ref('#/components/schemas/CloudEventHeaders'), { type: 'object', properties: { [CE_HEADERS.type]: { const: spec.ceType } } }];
  if (deadLetter) parts.push(ref('#/components/schemas/DeadLetterHeaders'));
  return { allOf: parts };
}

function message(spec: ChannelSpec, deadLetter: boolean): Doc {
  const name = deadLetter ? `${spec.message.name}DeadLetter` : spec.message.name;
  return {
    name,
    title: name,
    summary: deadLetter ? `Dead letter of ${spec.message.name}: a record a consumer could not process, with its provenance.` : spec.message.summary,
    contentType: 'application/json',
    correlationId: { description: 'The CloudEvents id.', location: `$message.header#/${CE_HEADERS.id}` },
    headers: headersFor(spec, deadLetter),
    payload: ref(`#/components/schemas/${spec.message.name}`),
    bindings: {
      kafka: {
        key: { type: 'string', description: spec.key.description, pattern: spec.key.pattern },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

function channel(address: string, description: string, messageName: string): Doc {
  return {
    address,
    description,
    messages: { [messageName]: ref(`#/components/messages/${messageName}`) },
    bindings: {
      kafka: {
        topic: address,
        // Full history, time-based retention; never compaction (reporting rebuilds from history).
        topicConfiguration: { 'cleanup.policy': ['delete'] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
  };
}

function operation(service: string, action: 'send' | 'receive', channelId: string, messageName: string, what: string): [string, Doc] {
  const id = `${service.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}${capitalize(action)}${messageName}`;
  return [
    id,
    {
      action,
      channel: ref(`#/channels/${channelId}`),
      title: `${service} ${action === 'send' ? 'publishes' : 'consumes'} ${messageName}`,
      summary: what,
      tags: [{ name: service }],
      messages: [ref(`#/channels/${channelId}/messages/${messageName}`)],
    },
  ];
}

/** The AsyncAPI 3.0 document of every topic, its dead-letter topic and who sends or receives. */
export function buildAsyncApi(version: string): Doc {
  const channels: Doc = {};
  const operations: Doc = {};
  const messages: Doc = {};
  const payloads: Record<string, z.ZodType> = {};

  for (const spec of CHANNELS) {
    const name = spec.message.name;
    payloads[name] = spec.message.payload;
    messages[name] = message(spec, false);
    channels[spec.name] = channel(spec.address, spec.description, name);
    for (const s of spec.producers) {
      const [id, op] = operation(s, 'send', spec.name, name, `${s} publishes to ${spec.address}.`);
      operations[id] = op;
    }
    for (const s of spec.consumers) {
      const [id, op] = operation(s, 'receive', spec.name, name, `${s} consumes ${spec.address}.`);
      operations[id] = op;
    }

    // Each consumed topic has `<topic>.dlq`: its consumers dead-letter there, the replay command reads it.
    const dlqId = `${spec.name}Dlq`;
    const dlqName = `${name}DeadLetter`;
    messages[dlqName] = message(spec, true);
    channels[dlqId] = channel(dlqTopic(spec.address), `Dead letters of ${spec.address}: the original key, value and headers plus provenance headers.`, dlqName);
    for (const s of spec.consumers) {
      const [id, op] = operation(s, 'send', dlqId, dlqName, `${s} dead-letters a record of ${spec.address} it cannot process.`);
      operations[id] = op;
    }
    const [id, op] = operation(DLQ_READER, 'receive', dlqId, dlqName, `The replay command re-publishes selected records to ${spec.address}.`);
    operations[id] = op;
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Rapport events',
      version,
      description: [
        'Kafka topics between the Rapport services. Every message is a CloudEvents 1.0 event in Kafka binary mode:',
        'the value is the JSON `data`, the attributes travel as `ce_*` headers with `content-type: application/json`,',
        'and a W3C `traceparent` header carries the trace. Readers are tolerant: unknown fields are ignored.',
        'A breaking change is a new topic version (`.v2`).',
        '',
        GENERATED_NOTE,
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The native single-node broker of local runs and CI.' },
    },
    channels,
    operations,
    components: {
      schemas: componentSchemas({ ...payloads, CloudEventHeaders, DeadLetterHeaders }),
      messages,
    },
  };
}
