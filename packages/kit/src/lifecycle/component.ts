/**
 * The one contract every long-running part of a service honours (HTTP server, pool, producer,
 * consumer, relay, sweep…), so readiness and shutdown are uniform across services.
 */
export interface Health {
  ok: boolean;
  /** Why it is not ok, safe to show an operator: never a secret, never a stack. */
  detail?: string;
}

export interface Component {
  /** A stable name (`postgres`, `kafka-producer`, `outbox-relay`…) shown by `/readyz`. */
  readonly id: string;
  healthcheck(): Promise<Health>;
  /** Stops taking new work, finishes what is in flight, releases resources. Idempotent. */
  stop(): Promise<void>;
}
