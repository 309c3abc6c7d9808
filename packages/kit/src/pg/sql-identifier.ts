/**
 * Schema, role and channel names end up inside SQL text (they cannot be bind parameters), so they
 * are restricted to plain lower-case identifiers: nothing to quote, nothing to inject.
 */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertPlainIdentifier(name: string, what = 'identifier'): string {
  if (!PLAIN_IDENTIFIER.test(name)) {
    throw new Error(`invalid ${what} ${JSON.stringify(name)}: expected ${PLAIN_IDENTIFIER.source}`);
  }
  return name;
}
