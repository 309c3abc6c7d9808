import { describe, expect, it } from 'vitest';
import { eventSentiment, textSentiment } from './sentiment';

describe('text sentiment (AFINN-165 via the sentiment package)', () => {
  it.each([
    ['good', 3 / 5],
    ['This is bad', -3 / 5],
    ['not good', -3 / 5], // a negator flips the next word
    ['I love it', 3 / 5],
    ['love love love', 1], // 9, clamped to 5
    ['awful terrible horrible', -1], // −9, clamped to −5
    ['good bad', 0], // scored words that cancel: 0, not null
    ['Thanks!', 2 / 5],
    ['great 😀', 5 / 5], // great 3 + 😀 2
    ['abandon', -2 / 5],
  ])('%j scores %s', (text, expected) => {
    expect(textSentiment(text)).toBeCloseTo(expected, 12);
  });

  it.each(['hello there', 'the product arrived on tuesday', '', '   ', 'of the', "can't stand it"])('%j has no scored word: null', (text) => {
    expect(textSentiment(text)).toBeNull();
  });
});

describe('event sentiment', () => {
  it('scores the text of inbound events only', () => {
    expect(eventSentiment({ type: 'comment', direction: 'inbound', text: 'good' })).toBeCloseTo(0.6, 12);
    expect(eventSentiment({ type: 'unfollow', direction: 'inbound', text: 'bad' })).toBeCloseTo(-0.6, 12);
    expect(eventSentiment({ type: 'comment', direction: 'outbound', text: 'good' })).toBeNull();
    expect(eventSentiment({ type: 'retraction', direction: 'inbound', text: 'good' })).toBeNull();
    expect(eventSentiment({ type: 'comment', direction: 'inbound' })).toBeNull();
  });

  it.each([
    [1, -1],
    [2, -0.5],
    [3, 0],
    [4, 0.5],
    [5, 1],
  ])('gives a review rated %s without text (rating − 3)/2 = %s', (rating, expected) => {
    expect(eventSentiment({ type: 'review', direction: 'inbound', rating })).toBe(expected);
    expect(eventSentiment({ type: 'review', direction: 'inbound', rating, text: '  ' })).toBe(expected);
  });

  it('scores a review with text by its text, even when the text has no scored word', () => {
    expect(eventSentiment({ type: 'review', direction: 'inbound', rating: 5, text: 'bad' })).toBeCloseTo(-0.6, 12);
    expect(eventSentiment({ type: 'review', direction: 'inbound', rating: 5, text: 'arrived on time' })).toBeNull();
    expect(eventSentiment({ type: 'review', direction: 'inbound' })).toBeNull();
  });
});
