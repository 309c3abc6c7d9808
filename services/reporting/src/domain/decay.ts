/**
 * Decaying values at request time, and the decay-invariant sort key.
 *
 * Scoring publishes each decaying value (`love`, `advocacy`, `gravity`) as of the update's
 * `asOf`; a reader serves it as of its own request time: `value · 2^(−(asOf − storedAsOf)/H)`.
 *
 * NOTE: uniform decay does not change the order of members that share a half-life, so sorting
 * by the value at any instant is sorting by `log2(value) + storedAsOf/H` — a key that is
 * computed once when the row is written and can be indexed (at a million members the order
 * must not change as time passes). `score` is a monotone function of `gravity`, so it sorts by
 * the gravity key, and `minScore` becomes a lower bound on that key at the request's `asOf`.
 */

/** Factor by which a value decays over `elapsedMs` with half-life `halfLifeSeconds`. */
export function decayFactor(elapsedMs: number, halfLifeSeconds: number): number {
  return 2 ** (-elapsedMs / 1000 / halfLifeSeconds);
}

/** `value`, known at `storedAsOfMs`, as of `asOfMs`. */
export function decayTo(value: number, storedAsOfMs: number, asOfMs: number, halfLifeSeconds: number): number {
  if (value === 0) return 0;
  return value * decayFactor(asOfMs - storedAsOfMs, halfLifeSeconds);
}

/**
 * The decay-normalized key of `value` known at `storedAsOfMs`: `log2(value) + storedAsOf/H`.
 * Zero (or less) maps to −Infinity so that it sorts after every positive value.
 */
export function decayKey(value: number, storedAsOfMs: number, halfLifeSeconds: number): number {
  if (!(value > 0)) return Number.NEGATIVE_INFINITY;
  return Math.log2(value) + storedAsOfMs / 1000 / halfLifeSeconds;
}

/**
 * The smallest key whose value at `asOfMs` is at least `minValue`: value(asOf) ≥ minValue ⇔
 * key ≥ log2(minValue) + asOf/H. A minimum of zero (or less) admits everything.
 */
export function keyThreshold(minValue: number, asOfMs: number, halfLifeSeconds: number): number {
  if (!(minValue > 0)) return Number.NEGATIVE_INFINITY;
  return Math.log2(minValue) + asOfMs / 1000 / halfLifeSeconds;
}

/** The headline score in [0, 100] (`spec/scoring.md`). */
export function scoreFromGravity(gravity: number): number {
  return 100 * (1 - Math.exp(-gravity / 60));
}

/** The gravity a score corresponds to: the inverse of `scoreFromGravity` (∞ at 100). */
export function gravityForScore(score: number): number {
  if (score <= 0) return 0;
  if (score >= 100) return Number.POSITIVE_INFINITY;
  return -60 * Math.log(1 - score / 100);
}
