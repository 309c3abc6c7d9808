import type * as z from 'zod';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `['events', 3, 'occurredAt']` → `events[3].occurredAt`, the form a 400 answer lists. A key that
 * is not an identifier (an attribute named `a.b` or ``) is quoted: `attributes["a.b"]`.
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

export interface IssueSummary {
  path: string;
  message: string;
}

/** Every issue of a zod error as `{path, message}`, in the order zod found them. */
export function summarizeIssues(error: z.ZodError): IssueSummary[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}
