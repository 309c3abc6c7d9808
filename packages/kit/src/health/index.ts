export type { KafkaHealthOptions } from './kafka-health';
export { createKafkaHealth } from './kafka-health';
