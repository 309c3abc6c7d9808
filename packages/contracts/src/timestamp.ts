import * as z from 'zod';

/**
 * An RFC 3339 timestamp with an explicit offset (`Z` or `±hh:mm`), fractional seconds allowed.
 * Zod's ISO check also rejects impossible dates (month 13, February 30).
 */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;
