export { writeOutbox } from './outbox-writer';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { outboxBacklog, type OutboxBacklog } from './outbox-backlog';
export { outboxChannel, type OutboxMessage, type OutboxRecord, type PublishFn } from './outbox-record';
export { DEFAULT_RELAY_BACKOFF, type RelayBackoff } from './relay-backoff';
export { toTopicMessages, type OutboxTopicMessages } from './topic-messages';
