import type { InteractionEventInput } from '@rapport/contracts';
import { acceptedEntries } from '../simulator/accepted-log';
import { EventDelivery } from '../simulator/event-delivery';
import { HttpTransport } from '../simulator/http-transport';
import type { SourceCredentials } from '../simulator/ingestion-admin';
import type { RetryPolicy } from '../simulator/retry-policy';
import type { EventLedger } from './event-ledger';
import type { ReportingClient } from './reporting-client';
import { PATIENT_RETRIES } from './simulated-load';

// End-to-end latency as a user of the system sees it: a probe event from a member never seen
// before is sent to ingestion; the clock starts at its 202 and stops when reporting's member
// API (lookup by identity) first answers with that member. Each probe joins the ledger like any
// other event, so the reconciliation holds it to the same promises.

export interface ProbeResult {
  eventId: string;
  /** When the request left (epoch ms) and, for an accepted probe, when its 202 came back. */
  sentAt: number;
  acceptedAt: number | undefined;
  /** When reporting first showed the member; undefined if it did not within the timeout. */
  visibleAt: number | undefined;
  /** visibleAt − acceptedAt, measured on the monotonic clock. */
  latencyMs: number | undefined;
  /** Lookups made before the member showed. */
  polls: number;
}

export interface LatencyProbeOptions {
  ingestionUrl: string;
  reporting: ReportingClient;
  brandId: string;
  source: SourceCredentials;
  ledger: EventLedger;
  /** Names the probe members (`probe-<label>-<n>`), unique per test. */
  label: string;
  /** Time between two lookups of one probe. */
  pollMs?: number;
  retry?: RetryPolicy;
}

export class LatencyProbe {
  private readonly transport = new HttpTransport({ maxSockets: 64 });
  private readonly delivery: EventDelivery;
  private next = 0;

  constructor(private readonly options: LatencyProbeOptions) {
    options.ledger.addSource(options.brandId, options.source.sourceId);
    this.delivery = new EventDelivery({
      transport: this.transport,
      ingestionUrl: options.ingestionUrl,
      sourceFor: () => options.source,
      retry: options.retry ?? PATIENT_RETRIES,
    });
  }

  /** Sends one probe and waits (up to `timeoutMs` after its 202) until reporting shows it. */
  async probe(timeoutMs = 30_000): Promise<ProbeResult> {
    const n = this.next++;
    const platformId = `probe-${this.options.label}-${n}`;
    const event: InteractionEventInput = {
      id: `${platformId}-comment`,
      platform: 'custom',
      type: 'comment',
      direction: 'inbound',
      occurredAt: new Date().toISOString(),
      member: { platformId, handle: platformId, followers: n % 1_000 },
      content: { text: 'a quick happy probe' },
    };
    const { ledger, brandId } = this.options;
    ledger.recordSent(brandId, event);
    const sentAt = Date.now();
    const result = await this.delivery.deliver({ brandId, events: [event], single: true });
    const acceptedClock = performance.now();
    const acceptedAt = Date.now();
    for (const entry of acceptedEntries(result, new Date())) ledger.recordAnswer(entry);
    ledger.recordSummary({
      events: 1,
      rejectedEvents: result.outcome.kind === 'rejected' ? { [result.outcome.status]: 1 } : {},
      failedEvents: result.outcome.kind === 'failed' ? 1 : 0,
    });
    if (result.outcome.kind !== 'accepted') return { eventId: event.id, sentAt, acceptedAt: undefined, visibleAt: undefined, latencyMs: undefined, polls: 0 };

    const pollMs = this.options.pollMs ?? 5;
    let polls = 0;
    while (performance.now() - acceptedClock < timeoutMs) {
      polls++;
      let found: boolean;
      try {
        found = (await this.options.reporting.lookup(brandId, 'custom', platformId, AbortSignal.timeout(5_000))) !== null;
      } catch {
        found = false; // reporting restarting (a fault case): keep asking
      }
      if (found) {
        const latencyMs = performance.now() - acceptedClock;
        return { eventId: event.id, sentAt, acceptedAt, visibleAt: Date.now(), latencyMs, polls };
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return { eventId: event.id, sentAt, acceptedAt, visibleAt: undefined, latencyMs: undefined, polls };
  }

  close(): void {
    this.transport.close();
  }
}
