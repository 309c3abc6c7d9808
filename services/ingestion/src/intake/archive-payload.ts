import { emailHashOf } from '@rapport/contracts';

// Keys whose string values are email addresses in the payloads we receive (`member.email`, GitHub's
// `pusher.email`, `commit.author.email`, Discourse's `user.email`…).
const EMAIL_KEY = /e-?mail/i;
// A value that is an address and nothing else, wherever it sits (a sender may use the address as
// `platformId`, as `platform: email` invites).
const WHOLE_EMAIL = /^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$/;

/**
 * The payload as it may be archived: JSON with every email address replaced by
 * `sha256:<hash of the trimmed, lower-cased address>` (the `member.emailHash` form), so the archive
 * can be replayed and joined with events without ever storing an address. Free text that merely
 * mentions an address is content, kept as sent and erased with the member.
 *
 * NOTE: JSON.stringify writes an own `__proto__` key (as JSON.parse created it) as plain data; no
 * object is built here, so nothing can reach a prototype.
 */
export function archivePayload(parsed: unknown, raw?: Buffer): string {
  // Without an '@' there is no address to hide: the bytes as sent are the archive (and a
  // stringify with a replacer function, several times slower, is saved on the hot path).
  if (raw !== undefined && !raw.includes(0x40)) return raw.toString('utf8');
  return JSON.stringify(parsed, (key, value: unknown) => {
    if (typeof value !== 'string') return value;
    const isEmail = WHOLE_EMAIL.test(value) || (EMAIL_KEY.test(key) && value.includes('@'));
    return isEmail ? `sha256:${emailHashOf(value)}` : value;
  });
}
