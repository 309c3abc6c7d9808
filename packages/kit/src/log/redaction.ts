/**
 * What must never reach a log line: secrets by the name of the field that holds them, and
 * passwords inside connection strings and URL query strings wherever they appear as text.
 */

const CENSOR = '[REDACTED]';
export { CENSOR };

/** Field names that hold a secret, matched at the top level and two levels down. */
const SECRET_KEYS = [
  'secret',
  'appSecret',
  'clientSecret',
  'password',
  'token',
  'verifyToken',
  'adminToken',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'privateKey',
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'webhook-signature',
  'x-hub-signature-256',
  'x-twitter-webhooks-signature',
  'x-slack-signature',
  'x-discourse-event-signature',
  'connectionString',
  'databaseUrl',
  'migrationUrl',
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'ADMIN_TOKEN',
];

function accessor(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** pino `redact.paths` (fast-redact syntax): `secret`, `*.secret`, `*.*.secret` for each key. */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const tail = accessor(key);
  const top = tail.startsWith('.') ? tail.slice(1) : tail;
  return [top, `*${tail}`, `*.*${tail}`];
});

// `scheme://user:password@host` → `scheme://user:[REDACTED]@host`
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/gi;
// `?token=abc&…` → `?token=[REDACTED]&…` for query keys that name a secret.
const QUERY_SECRET = /([?&][^=&\s]*(?:token|secret|signature|password|api[_-]?key)[^=&\s]*=)[^&\s#]*/gi;

/** Masks passwords in connection strings and secret query parameters inside free text. */
export function scrubText(text: string): string {
  return text.replace(URL_PASSWORD, `$1${CENSOR}@`).replace(QUERY_SECRET, `$1${CENSOR}`);
}
