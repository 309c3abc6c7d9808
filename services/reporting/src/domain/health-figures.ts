/**
 * The health figures of one period (`spec/api.md`, health), from the counters the rollups keep.
 * Pure: the store gathers the counters, this turns them into the published figures.
 */
import { medianFromHistogram } from './response-times';

/** Sentiment beyond ±0.05 counts as positive or negative in `netSentiment`. */
export const SENTIMENT_THRESHOLD = 0.05;

export type SentimentClass = 'positive' | 'negative' | 'neutral';

export function sentimentClass(sentiment: number): SentimentClass {
  if (sentiment > SENTIMENT_THRESHOLD) return 'positive';
  if (sentiment < -SENTIMENT_THRESHOLD) return 'negative';
  return 'neutral';
}

export interface PeriodCounters {
  /** Members first seen before the period's end. */
  membersBeforeEnd: number;
  /** Members first seen in the period. */
  newMembers: number;
  /** Distinct members with inbound activity in the period… */
  active: number;
  /** …of which first seen in the period. */
  activeNew: number;
  /** Distinct members active in the previous period… */
  activePrevious: number;
  /** …and in this one too. */
  retained: number;
  interactionsByType: Record<string, number>;
  /** Inbound events of the period that await an answer, and those answered. */
  awaiting: number;
  answered: number;
  responseHistogram: ReadonlyArray<readonly [number, number]>;
  positive: number;
  negative: number;
  withSentiment: number;
  stageCounts: Record<string, number>;
  levelCounts: Record<string, number>;
}

export interface HealthFigures {
  members: number;
  newMembers: number;
  activeMembers: number;
  returningMembers: number;
  churnedMembers: number;
  retentionRate: number | null;
  interactions: number;
  interactionsByType: Record<string, number>;
  responseRate: number | null;
  medianResponseSeconds: number | null;
  netSentiment: number | null;
  stageCounts: Record<string, number>;
  levelCounts: Record<string, number>;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function healthFigures(c: PeriodCounters): HealthFigures {
  const interactionsByType = Object.fromEntries(Object.entries(c.interactionsByType).filter(([, n]) => n !== 0));
  return {
    members: c.membersBeforeEnd,
    newMembers: c.newMembers,
    activeMembers: c.active,
    returningMembers: c.active - c.activeNew,
    churnedMembers: c.activePrevious - c.retained,
    retentionRate: ratio(c.retained, c.activePrevious),
    interactions: Object.values(interactionsByType).reduce((sum, n) => sum + n, 0),
    interactionsByType,
    responseRate: ratio(c.answered, c.answered + c.awaiting),
    medianResponseSeconds: medianFromHistogram(c.responseHistogram),
    netSentiment: ratio(c.positive - c.negative, c.withSentiment),
    stageCounts: c.stageCounts,
    levelCounts: c.levelCounts,
  };
}
