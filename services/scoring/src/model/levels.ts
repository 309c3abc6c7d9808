import { decayFactor, timeToDecay } from './decay';
import type { ModelConfig } from './model-config';
import type { OrbitLevel } from './model-event';

/**
 * Levels with slow demotion: `level(t)` is the best level love reached at any instant of
 * `[t − window, t]`.
 *
 * Love is a sum of decaying steps: it jumps up only at event instants and decays in between. Its
 * maximum over a closed window is therefore attained at the window start or at an event instant
 * inside the window (right after that instant's events), so the exact maximum is the largest of
 * the love at the window start and the love right after each event instant in the window. The
 * pass records the latter as "peaks": one per instant where love jumped. No sampling.
 */
export interface LovePeak {
  at: number;
  /** Love right after every event of instant `at`. */
  love: number;
}

type LevelThresholds = Pick<ModelConfig['thresholds'], 'level1Love' | 'level2Love' | 'level3Love'>;

export function levelOf(love: number, thresholds: LevelThresholds): OrbitLevel {
  if (love >= thresholds.level1Love) return 1;
  if (love >= thresholds.level2Love) return 2;
  if (love >= thresholds.level3Love) return 3;
  return 4;
}

/** The love a level needs; null for the outer level, which needs none. */
export function levelThreshold(level: OrbitLevel, thresholds: LevelThresholds): number | null {
  switch (level) {
    case 1:
      return thresholds.level1Love;
    case 2:
      return thresholds.level2Love;
    case 3:
      return thresholds.level3Love;
    case 4:
      return null;
  }
}

/** Records love after an event at `at` (events of one instant update one peak). */
export function recordPeak(peaks: LovePeak[], at: number, love: number): void {
  const last = peaks[peaks.length - 1];
  if (last !== undefined && last.at === at) last.love = love;
  else peaks.push({ at, love });
}

/** The largest love of `[t − windowMs, t]`. */
export function windowMaxLove(peaks: readonly LovePeak[], t: number, windowMs: number, halfLifeMs: number): number {
  const start = t - windowMs;
  let max = 0;
  for (let i = peaks.length - 1; i >= 0; i--) {
    const peak = peaks[i] as LovePeak;
    if (peak.at > t) continue;
    if (peak.at > start) {
      if (peak.love > max) max = peak.love;
    } else {
      // The last peak at or before the window start gives the love at the start.
      const atStart = peak.love * decayFactor(start - peak.at, halfLifeMs);
      if (atStart > max) max = atStart;
      break;
    }
  }
  return max;
}

/**
 * The last instant at which love was ≥ `threshold`, given no event after `t` (−∞ if never within
 * reach of the window). It is the crossing of the latest peak that reached the threshold: after
 * that peak love only decays, and every later peak stayed below the threshold. Peaks record
 * total love, so an earlier peak's crossing can never be later.
 */
export function lastInstantAtLeast(
  peaks: readonly LovePeak[],
  t: number,
  windowMs: number,
  halfLifeMs: number,
  threshold: number,
): number {
  const start = t - windowMs;
  for (let i = peaks.length - 1; i >= 0; i--) {
    const peak = peaks[i] as LovePeak;
    if (peak.at > t) continue;
    if (peak.love >= threshold) return peak.at + timeToDecay(peak.love, threshold, halfLifeMs);
    if (peak.at <= start) break;
  }
  return -Infinity;
}

/** Drops peaks no window ending at or after `now` can need: all but the last one before it. */
export function prunePeaks(peaks: LovePeak[], now: number, windowMs: number): void {
  const start = now - windowMs;
  let keepFrom = 0;
  for (let i = 0; i < peaks.length && (peaks[i] as LovePeak).at <= start; i++) keepFrom = i;
  if (keepFrom > 0) peaks.splice(0, keepFrom);
}
