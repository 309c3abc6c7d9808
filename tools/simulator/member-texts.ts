import type { SeededRandom } from './seeded-random';

// What members write. Positive and negative lines carry words of the AFINN lexicon that scoring's
// sentiment uses (love, great, awesome… / terrible, disappointed, broken…); neutral lines are
// questions and facts with no scored word, so they give no sentiment at all.

export type Tone = 'positive' | 'negative' | 'neutral';
export type TextKind = 'comment' | 'mention' | 'share' | 'review' | 'message';

/** Scored words the positive and negative lines are built on (the tests check every line uses one). */
export const POSITIVE_WORDS = ['love', 'great', 'amazing', 'awesome', 'thanks', 'happy', 'excellent', 'fantastic', 'perfect', 'best'] as const;
export const NEGATIVE_WORDS = ['terrible', 'awful', 'hate', 'broken', 'disappointed', 'worst', 'bad', 'useless', 'annoying', 'poor'] as const;

const LINES: Record<TextKind, Record<Tone, readonly string[]>> = {
  comment: {
    positive: ['Absolutely love this', 'This is amazing', 'Great work, team', 'Awesome update, thanks!', 'Best thing I bought this year', 'So happy with it'],
    negative: ['This is terrible', 'Really disappointed with my order', 'The app is broken again', 'Worst update so far', 'Support was useless', 'Bad experience this time'],
    neutral: ['When does the next drop ship?', 'Is this available in blue?', 'Which size should I order?', 'Does it ship to Canada?', 'What time is the stream tomorrow?'],
  },
  mention: {
    positive: ['Just tried {brand} and it is fantastic', 'Shout out to {brand}, excellent service', '{brand} never fails, love it', 'Thanks {brand} for the quick delivery'],
    negative: ['{brand} my order arrived broken', 'Still waiting on {brand}, awful', '{brand} the new version is annoying', 'Disappointed by {brand} today'],
    neutral: ['Anyone else using {brand}?', 'Trying {brand} for the first time', '{brand} when is the next release?'],
  },
  share: {
    positive: ['Great read from {brand}', 'This is the best guide from {brand}', 'Awesome news from {brand}'],
    negative: ['{brand} this change is bad for long-time customers', '{brand} I hate the new pricing'],
    neutral: ['From {brand}:', 'Via {brand}', 'Worth a look, from {brand}'],
  },
  review: {
    positive: ['Excellent quality, arrived fast', 'Perfect fit, love the material', 'Great value, the best in its range'],
    negative: ['Poor quality, it broke after a week', 'Terrible packaging, arrived broken', 'Disappointed, not as described'],
    neutral: ['Arrived on Tuesday, as described.', 'Second order from this shop.', 'Bought it for my brother.'],
  },
  message: {
    positive: ['Hi! Just wanted to say thanks for the help', 'Hello, my order came and it is perfect'],
    negative: ['Hi, my package never arrived, this is awful', 'Hello, the item is broken, what can I do?'],
    neutral: ['Hi, a question about my order', 'Hello, can I change the delivery address?', 'Do you have a store in Berlin?'],
  },
};

const ANSWERS: Record<Tone, readonly string[]> = {
  positive: ['Thank you so much, {name}!', 'Glad you like it, {name}!', 'That made our day, {name}.'],
  negative: ['Sorry about that, {name}. Send us a DM with your order number and we will fix it.', 'We hear you, {name}; our team is on it.'],
  neutral: ['Hi {name}, it ships next week.', 'Hi {name}, yes, in every size.', 'Hi {name}, check your inbox for the details.'],
};

/** The tone of a member's next line: `mood` in [-1, 1] shifts it toward positive or negative. */
export function pickTone(random: SeededRandom, mood: number): Tone {
  const positive = 0.45 + 0.3 * mood;
  const negative = 0.12 - 0.1 * mood;
  const x = random.next();
  if (x < positive) return 'positive';
  if (x < positive + negative) return 'negative';
  return 'neutral';
}

export function memberText(random: SeededRandom, kind: TextKind, tone: Tone, brandHandle: string): string {
  return random.pick(LINES[kind][tone]).replaceAll('{brand}', brandHandle);
}

export function brandAnswerText(random: SeededRandom, tone: Tone, name: string): string {
  return random.pick(ANSWERS[tone]).replaceAll('{name}', name);
}

/** A review's rating that agrees with its tone. */
export function ratingFor(random: SeededRandom, tone: Tone): number {
  if (tone === 'positive') return random.int(4, 5);
  if (tone === 'negative') return random.int(1, 2);
  return random.int(3, 4);
}

/** Every line, for the tests. */
export function allMemberLines(): { kind: TextKind; tone: Tone; line: string }[] {
  return (Object.keys(LINES) as TextKind[]).flatMap((kind) =>
    (['positive', 'negative', 'neutral'] as const).flatMap((tone) => LINES[kind][tone].map((line) => ({ kind, tone, line }))),
  );
}
