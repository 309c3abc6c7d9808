import type { InteractionEventInput, InteractionType } from '@rapport/contracts';
import type { BrandProfile, IdentityProfile } from './community-model';
import { isoTime, memberInput } from './member-actions';
import { brandAnswerText, type Tone } from './member-texts';
import type { SeededRandom } from './seeded-random';

// The brand's side of a conversation: it answers some of what awaits an answer, sooner or later
// (minutes for most, days for a few), more often when a member is unhappy or asks something.

const MIN_DELAY_MS = 30_000;
const MAX_DELAY_MS = 5 * 86_400_000;
/** Chance that a member answers the brand's answer, which keeps a conversation going. */
export const MEMBER_FOLLOW_UP_RATE = 0.3;

/** What an answer needs to know about the inbound interaction it answers. */
export interface Answerable {
  id: string;
  type: InteractionType;
  identity: IdentityProfile;
  name: string;
  tone: Tone | undefined;
  threadId: string | undefined;
}

/** The delay before the brand answers, or undefined when it never does. */
export function answerDelayMs(random: SeededRandom, brand: BrandProfile, inbound: Answerable): number | undefined {
  const toneFactor = inbound.tone === 'negative' ? 1.3 : inbound.tone === 'neutral' ? 1.15 : 0.85;
  if (!random.chance(Math.min(0.95, brand.answerRate * toneFactor))) return undefined;
  const minutes = random.logNormal(brand.medianAnswerMinutes, 1.1);
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, minutes * 60_000));
}

/** The brand's outbound answer: a `message` to a message, a `reply` to anything else. */
export function answerEvent(random: SeededRandom, id: string, inbound: Answerable, atMs: number): InteractionEventInput {
  const text = brandAnswerText(random, inbound.tone ?? 'neutral', inbound.name.split(' ')[0] ?? inbound.name);
  return {
    id,
    platform: inbound.identity.platform,
    type: inbound.type === 'message' ? 'message' : 'reply',
    direction: 'outbound',
    occurredAt: isoTime(atMs),
    member: memberInput(inbound.identity),
    content: inbound.threadId === undefined ? { text, parentId: inbound.id } : { text, parentId: inbound.id, threadId: inbound.threadId },
  };
}
