import { readFileSync } from 'node:fs';
import { toInteractionEvent, type InteractionEvent, type InteractionEventInput } from '@rapport/contracts';
import type { AcceptedLogEntry } from '../simulator/accepted-log';
import type { SendSummary } from '../simulator/send-stats';
import type { SimulatedEvent } from '../simulator/traffic-generator';

// Everything a test sent and what ingestion answered, event by event: the reference the
// reconciliation holds scoring and reporting to. Built from the simulator's recordings (`--out`:
// every event as sent) and accepted logs (every event whose request got a 2xx), plus the test's
// own probe events.

/** `${brandId}/${eventId}`: event ids are unique per source, and each brand here has one source. */
export type EventKey = string;
export const eventKey = (brandId: string, eventId: string): EventKey => `${brandId}/${eventId}`;

export interface LedgerTotals {
  /**
   * Distinct events recorded for sending (a re-sent event counts once). NOTE: a stopped simulator
   * run records the event it had pulled when it stopped without sending it: one more than sent.
   */
  sent: number;
  /** Send attempts of events, re-sends included (what the senders counted). */
  sends: number;
  /** Distinct events that got a 2xx (accepted, or acknowledged as a duplicate of a stored one). */
  acknowledged: number;
  /** Distinct events a rule dropped with a 2xx (`ignored`): never published. */
  ignored: number;
  /** Events of requests finally refused (4xx/5xx), by the senders' count. */
  rejected: number;
  /** Events of requests that never got an answer: their fate is unknown. */
  noAnswer: number;
}

export class EventLedger {
  /** Every event sent, as sent, with the source it went to. */
  private readonly sent = new Map<EventKey, { brandId: string; sourceId: string; event: InteractionEventInput }>();
  private readonly acknowledged = new Set<EventKey>();
  private readonly ignored = new Set<EventKey>();
  private sends = 0;
  private rejected = 0;
  private noAnswer = 0;
  /** The source of each brand (one each). */
  readonly sources = new Map<string, string>();

  addSource(brandId: string, sourceId: string): void {
    const known = this.sources.get(brandId);
    if (known !== undefined && known !== sourceId) throw new Error(`brand ${brandId} already sends to ${known}`);
    this.sources.set(brandId, sourceId);
  }

  /** An event about to be sent (a copy with the same id replaces nothing: re-sends are identical). */
  recordSent(brandId: string, event: InteractionEventInput): void {
    const sourceId = this.sourceOf(brandId);
    const key = eventKey(brandId, event.id);
    if (!this.sent.has(key)) this.sent.set(key, { brandId, sourceId, event });
  }

  recordAnswer(entry: Pick<AcceptedLogEntry, 'brandId' | 'id' | 'outcome'>): void {
    const key = eventKey(entry.brandId, entry.id);
    if (entry.outcome === 'ignored') this.ignored.add(key);
    else this.acknowledged.add(key);
  }

  /** The senders' counts of attempts, refusals and unanswered events. */
  recordSummary(summary: Pick<SendSummary, 'events' | 'rejectedEvents' | 'failedEvents'>): void {
    this.sends += summary.events;
    this.rejected += Object.values(summary.rejectedEvents).reduce((sum, n) => sum + n, 0);
    this.noAnswer += summary.failedEvents;
  }

  /** A simulator recording (`--out`) and its accepted log (`--accepted-log`). */
  addSimulatorRun(files: { recording: string; acceptedLog: string }, summary: SendSummary | undefined): void {
    for (const { brandId, event } of readNdjson<SimulatedEvent>(files.recording)) this.recordSent(brandId, event);
    for (const entry of readNdjson<AcceptedLogEntry>(files.acceptedLog)) this.recordAnswer(entry);
    if (summary !== undefined) this.recordSummary(summary);
  }

  sourceOf(brandId: string): string {
    const sourceId = this.sources.get(brandId);
    if (sourceId === undefined) throw new Error(`no source recorded for brand ${brandId}`);
    return sourceId;
  }

  isSent(key: EventKey): boolean {
    return this.sent.has(key);
  }

  acknowledgedKeys(): ReadonlySet<EventKey> {
    return this.acknowledged;
  }

  ignoredKeys(): ReadonlySet<EventKey> {
    return this.ignored;
  }

  /** The event as scoring must have seen it (ingestion's fields added by the contract's own rule). */
  canonical(key: EventKey): InteractionEvent | undefined {
    const sent = this.sent.get(key);
    if (sent === undefined) return undefined;
    return toInteractionEvent(sent.event, { brandId: sent.brandId, sourceId: sent.sourceId, receivedAt: sent.event.occurredAt });
  }

  totals(): LedgerTotals {
    return {
      sent: this.sent.size,
      sends: this.sends,
      acknowledged: this.acknowledged.size,
      ignored: this.ignored.size,
      rejected: this.rejected,
      noAnswer: this.noAnswer,
    };
  }
}

export function readNdjson<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
