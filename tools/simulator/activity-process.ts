// When a member acts: a Poisson process whose rate decays exponentially from the member's arrival
// (drift into silence), λ(t) = rate · 2^(−(t − joinedAt)/halfLife), or stays flat when halfLife
// is null. Next arrival times are drawn exactly by inverting the integrated rate, so a drifting
// member's last action is reached in finitely many steps: after it, the member is silent.

export interface ActivityProcess {
  joinedAtMs: number;
  /** Actions per millisecond at `joinedAtMs`. */
  ratePerMs: number;
  halfLifeMs: number | null;
}

/** λ(t), actions per millisecond. */
export function rateAt(p: ActivityProcess, tMs: number): number {
  if (tMs < p.joinedAtMs) return 0;
  return p.halfLifeMs === null ? p.ratePerMs : p.ratePerMs * Math.pow(2, -(tMs - p.joinedAtMs) / p.halfLifeMs);
}

/**
 * The next action after `tMs`, given `e`, a draw from Exp(1); undefined when the member never acts
 * again (the decaying rate's remaining mass is below `e`).
 */
export function nextActionAt(p: ActivityProcess, tMs: number, e: number): number | undefined {
  if (p.ratePerMs <= 0) return undefined;
  const from = Math.max(tMs, p.joinedAtMs);
  if (p.halfLifeMs === null) return from + e / p.ratePerMs;
  const tau = p.halfLifeMs / Math.LN2;
  const remaining = Math.exp(-(from - p.joinedAtMs) / tau) - e / (p.ratePerMs * tau);
  if (remaining <= 0) return undefined;
  return p.joinedAtMs - tau * Math.log(remaining);
}

/** ∫ λ over [fromMs, toMs]: the expected number of actions in that interval. */
export function expectedActions(p: ActivityProcess, fromMs: number, toMs: number): number {
  const a = Math.max(fromMs, p.joinedAtMs);
  if (toMs <= a) return 0;
  if (p.halfLifeMs === null) return p.ratePerMs * (toMs - a);
  const tau = p.halfLifeMs / Math.LN2;
  return p.ratePerMs * tau * (Math.exp(-(a - p.joinedAtMs) / tau) - Math.exp(-(toMs - p.joinedAtMs) / tau));
}
