/**
 * Exponential decay with a half-life: a contribution `w` made at `t_i` is worth
 * `w · 2^(−(t − t_i)/H)` at `t`.
 *
 * NOTE: sums are never referenced to a fixed epoch (`2^(t_i/H)` overflows after ~1,000
 * half-lives, i.e. 3 years at H = 1 day). The pass keeps each sum as its value at the latest
 * event instant and rebases it when time moves forward (`S ← S · 2^(−Δ/H) + w`), so every factor
 * is ≤ 1: no overflow, and each step adds at most a few ulps of relative error (n steps ≈ n·1e-16,
 * far inside the 1e-9 law). Contributions that fall below ~1e-308 flush to 0.
 */
export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  return Math.pow(2, -elapsedMs / halfLifeMs);
}

/**
 * How long after the reference instant a value `value` decays to `threshold`
 * (requires value ≥ threshold > 0): `H · log2(value / threshold)`.
 */
export function timeToDecay(value: number, threshold: number, halfLifeMs: number): number {
  return halfLifeMs * Math.log2(value / threshold);
}
