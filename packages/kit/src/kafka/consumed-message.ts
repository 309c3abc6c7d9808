import type { IHeaders, KafkaMessage } from 'kafkajs';

/** One record as a handler sees it: key and headers decoded, value left as bytes. */
export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as the decimal string kafkajs gives. */
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** UTF-8 header values; for a header sent several times, the last value. */
  headers: Readonly<Record<string, string>>;
  /** Record timestamp, milliseconds since the epoch as a decimal string. */
  timestamp: string;
  /** The record as kafkajs delivered it: the dead-letter copy is made from it, byte for byte. */
  raw: KafkaMessage;
}

export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) decoded[name] = last.toString();
  }
  return decoded;
}

export function toConsumedMessage(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString(),
    value: message.value,
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
    raw: message,
  };
}
