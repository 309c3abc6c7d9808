import { describe, expect, it } from 'vitest';
import { DeliveryLedger } from './delivery-ledger';

function ledger(): DeliveryLedger {
  const books = new DeliveryLedger();
  books.addPhase('s', 1);
  books.addPhase('b', 3);
  return books;
}

describe('DeliveryLedger', () => {
  it('balances when every acknowledged event is on the topic once', () => {
    const books = ledger();
    books.acknowledge('s', 0);
    books.acknowledge('b', 1);
    for (const id of ['s.0.0', 'b.1.0', 'b.1.1', 'b.1.2']) books.recordPublished(id);
    expect(books.audit()).toEqual({ acknowledged: 4, publishedDistinct: 4, lost: 0, extraCopies: 0, publishedWithoutAnswer: 0, foreign: 0, lostSample: [] });
  });

  it('finds an acknowledged event that never arrived, naming it', () => {
    const books = ledger();
    books.acknowledge('b', 2);
    books.recordPublished('b.2.0');
    books.recordPublished('b.2.2');
    expect(books.audit()).toMatchObject({ acknowledged: 3, lost: 1, lostSample: ['b.2.1'] });
  });

  it('counts extra copies, unanswered but published events, and foreign messages apart', () => {
    const books = ledger();
    books.acknowledge('s', 0);
    books.recordPublished('s.0.0');
    books.recordPublished('s.0.0');
    books.recordPublished('s.9.0'); // request 9's answer never came back: allowed
    books.recordPublished('x.0.0'); // no such phase
    books.recordPublished('s.1.1'); // single-event phase has no event 1
    books.recordPublished('');
    expect(books.audit()).toMatchObject({ acknowledged: 1, publishedDistinct: 2, lost: 0, extraCopies: 1, publishedWithoutAnswer: 1, foreign: 3 });
  });

  it('refuses an unknown or repeated phase', () => {
    const books = ledger();
    expect(() => books.acknowledge('q', 0)).toThrow(/unknown phase/);
    expect(() => books.addPhase('s', 1)).toThrow(/already/);
  });
});
