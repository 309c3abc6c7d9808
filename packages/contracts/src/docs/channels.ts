import type * as z from 'zod';
import { CE_TYPES } from '../cloudevents';
import { ErasureReceipt, ErasureRequested } from '../erasure';
import { InteractionEvent, Platform } from '../interaction';
import { ModelActivated } from '../model';
import { RelationshipUpdated } from '../relationship';
import { TOPICS, type TopicName } from '../topics';

export type Service = 'ingestion' | 'scoring' | 'reporting';

/** What the AsyncAPI document says about one topic. */
export interface ChannelSpec {
  name: TopicName;
  address: string;
  description: string;
  message: { name: string; payload: z.ZodType; summary: string };
  ceType: string;
  key: { description: string; pattern: string };
  producers: Service[];
  consumers: Service[];
}

// NOTE: key patterns mirror the key builders in topics.ts: tokens without ':' first, free text last.
const TOKEN = '[A-Za-z0-9._-]{1,64}';
const PLATFORM = `(?:${Platform.options.join('|')})`;
const TEXT = '[\\s\\S]{1,200}';

export const CHANNELS: readonly ChannelSpec[] = [
  {
    name: 'interactions',
    address: TOPICS.interactions,
    description: 'One interaction between a brand and a community member, accepted and made durable by ingestion.',
    message: { name: 'InteractionEvent', payload: InteractionEvent, summary: 'An interaction was accepted.' },
    ceType: CE_TYPES.interactions,
    key: { description: '`${brandId}:${platform}:${member.platformId}`', pattern: `^${TOKEN}:${PLATFORM}:${TEXT}$` },
    producers: ['ingestion'],
    consumers: ['scoring'],
  },
  {
    name: 'relationships',
    address: TOPICS.relationships,
    description:
      'The state of one relationship after a change. Full history is kept (time-based retention, not compaction) so that reporting can be rebuilt from it; readers apply an update only if its version is higher than the one they hold.',
    message: { name: 'RelationshipUpdated', payload: RelationshipUpdated, summary: 'A relationship changed.' },
    ceType: CE_TYPES.relationships,
    key: { description: '`${brandId}:${memberId}`', pattern: `^${TOKEN}:${TOKEN}$` },
    producers: ['scoring'],
    consumers: ['reporting'],
  },
  {
    name: 'models',
    address: TOPICS.models,
    description:
      "A brand's model version became active, published after all relationship updates of that version. Readers switch the brand once they hold that many updates of the new version.",
    message: { name: 'ModelActivated', payload: ModelActivated, summary: 'A model version became active.' },
    ceType: CE_TYPES.models,
    key: { description: '`${brandId}`', pattern: `^${TOKEN}$` },
    producers: ['scoring'],
    consumers: ['reporting'],
  },
  {
    name: 'erasures',
    address: TOPICS.erasures,
    description: 'Erase the whole member an identity belongs to. Every service holding personal data erases it and publishes a receipt.',
    message: { name: 'ErasureRequested', payload: ErasureRequested, summary: 'An erasure was requested.' },
    ceType: CE_TYPES.erasures,
    key: { description: '`${brandId}:${platform}:${platformId}`', pattern: `^${TOKEN}:${PLATFORM}:${TEXT}$` },
    producers: ['ingestion'],
    consumers: ['ingestion', 'scoring', 'reporting'],
  },
  {
    name: 'erasureReceipts',
    address: TOPICS.erasureReceipts,
    description: 'One service completed an erasure.',
    message: { name: 'ErasureReceipt', payload: ErasureReceipt, summary: 'A service completed an erasure.' },
    ceType: CE_TYPES.erasureReceipts,
    key: { description: 'the erasure id', pattern: `^${TOKEN}$` },
    producers: ['ingestion', 'scoring', 'reporting'],
    consumers: ['ingestion'],
  },
];
