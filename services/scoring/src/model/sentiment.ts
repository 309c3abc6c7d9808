import Sentiment from 'sentiment';
import type { Direction, InteractionType } from './model-event';

// One analyzer for the process: it holds only the AFINN-165 (+ emoji) labels, loaded once.
// NOTE: never pass `extras` to it: the package merges them into its shared label table.
const analyzer = new Sentiment();

/**
 * The AFINN-165 score of a text as the `sentiment` package computes it (sum of its scored words,
 * a negator flipping the next word), clamped to [−5, 5] and divided by 5. Null when no word of the
 * text is in the lexicon: the package lists every matched word in `words`, and no label of the
 * lexicon that a single token can match scores 0 (the only 0-labels are two-word phrases the
 * tokenizer never produces), so "no scored word" is exactly `words.length === 0`. Words that
 * cancel out ("good bad") do score: 0, not null.
 */
export function textSentiment(text: string): number | null {
  const result = analyzer.analyze(text);
  if (result.words.length === 0) return null;
  return Math.max(-5, Math.min(5, result.score)) / 5;
}

export interface SentimentSource {
  type: InteractionType;
  direction: Direction;
  text?: string | undefined;
  rating?: number | undefined;
}

/**
 * The sentiment an event contributes, or null: each inbound event with text gets its text's
 * score; a review without text gets (rating − 3)/2. Text that is empty or only blanks counts as
 * no text. A retraction contributes nothing (its text, if any, is the withdrawn one's).
 */
export function eventSentiment(event: SentimentSource): number | null {
  if (event.direction !== 'inbound' || event.type === 'retraction') return null;
  const text = event.text;
  if (text !== undefined && text.trim() !== '') return textSentiment(text);
  if (event.type === 'review' && event.rating !== undefined) return (event.rating - 3) / 2;
  return null;
}
