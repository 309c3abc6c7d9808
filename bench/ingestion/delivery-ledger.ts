import { parseBenchEventId } from './event-bodies';

export interface LedgerAudit {
  /** Events whose request got a 202. */
  acknowledged: number;
  /** Distinct bench events found on the topic. */
  publishedDistinct: number;
  /** Acknowledged events not on the topic: a broken promise. */
  lost: number;
  /** Copies beyond the first of any event. */
  extraCopies: number;
  /** Events on the topic whose 202 the client never saw (in flight when a phase ended): allowed. */
  publishedWithoutAnswer: number;
  /** Messages on the topic this benchmark never sent. */
  foreign: number;
  /** A few lost event ids, for the report. */
  lostSample: string[];
}

/**
 * What the benchmark was promised (every event of every request answered 202) against what the
 * topic holds. Event ids encode phase, request and position, so the books are two small maps of
 * numbers per phase rather than sets of strings.
 */
export class DeliveryLedger {
  private readonly phases = new Map<string, { eventsPerRequest: number; acknowledged: Set<number>; published: Map<number, number> }>();
  private foreign = 0;

  addPhase(phase: string, eventsPerRequest: number): void {
    if (this.phases.has(phase)) throw new Error(`phase ${phase} already in the ledger`);
    this.phases.set(phase, { eventsPerRequest, acknowledged: new Set(), published: new Map() });
  }

  /** Request `index` of `phase` was answered 202: all of its events are promised. */
  acknowledge(phase: string, index: number): void {
    this.book(phase).acknowledged.add(index);
  }

  acknowledgedRequests(phase: string): number {
    return this.book(phase).acknowledged.size;
  }

  /** An event id read from the topic. */
  recordPublished(eventId: string): void {
    const parsed = parseBenchEventId(eventId);
    const book = parsed && this.phases.get(parsed.phase);
    if (parsed === undefined || book === undefined || parsed.event >= book.eventsPerRequest) {
      this.foreign += 1;
      return;
    }
    const flat = parsed.request * book.eventsPerRequest + parsed.event;
    book.published.set(flat, (book.published.get(flat) ?? 0) + 1);
  }

  audit(): LedgerAudit {
    const audit: LedgerAudit = { acknowledged: 0, publishedDistinct: 0, lost: 0, extraCopies: 0, publishedWithoutAnswer: 0, foreign: this.foreign, lostSample: [] };
    for (const [phase, book] of this.phases) {
      audit.acknowledged += book.acknowledged.size * book.eventsPerRequest;
      for (const request of book.acknowledged) {
        for (let event = 0; event < book.eventsPerRequest; event += 1) {
          if (book.published.has(request * book.eventsPerRequest + event)) continue;
          audit.lost += 1;
          if (audit.lostSample.length < 5) audit.lostSample.push(`${phase}.${request}.${event}`);
        }
      }
      for (const [flat, copies] of book.published) {
        audit.publishedDistinct += 1;
        audit.extraCopies += copies - 1;
        if (!book.acknowledged.has(Math.floor(flat / book.eventsPerRequest))) audit.publishedWithoutAnswer += 1;
      }
    }
    return audit;
  }

  private book(phase: string) {
    const book = this.phases.get(phase);
    if (book === undefined) throw new Error(`unknown phase ${phase}`);
    return book;
  }
}
