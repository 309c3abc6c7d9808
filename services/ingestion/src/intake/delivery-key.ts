import { createHash } from 'node:crypto';

const MAX_STORED_LENGTH = 200;

/**
 * The delivery id as stored: the sender's own when it is short, else its hash. A header may be
 * kilobytes long, and a dedupe key must fit a btree index row; hashing keeps redeliveries equal.
 */
export function storedDeliveryId(id: string): string {
  return id.length <= MAX_STORED_LENGTH ? id : `sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}
