export interface RelayBackoff {
  /** Delay after the first failure. */
  initialMs: number;
  /** No delay is ever longer: a long Kafka outage is probed at this steady pace. */
  maxMs: number;
}

export const DEFAULT_RELAY_BACKOFF: RelayBackoff = { initialMs: 200, maxMs: 15_000 };

/**
 * Capped exponential delay after `failures` consecutive failures (1 for the first), with up to 20 %
 * taken off at random so replicas that failed together do not retry in lockstep.
 */
export function relayBackoffDelay(failures: number, policy: RelayBackoff = DEFAULT_RELAY_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  const capped = Math.min(policy.initialMs * 2 ** exponent, policy.maxMs);
  return Math.round(capped * (1 - 0.2 * random()));
}
