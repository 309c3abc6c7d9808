// Whether a schema's applied migrations are the release's migration files. Pure: the command
// reads both sides and this decides.

export type MigrationState =
  /** Exactly the release's migrations, in order. */
  | 'current'
  /** A prefix of them: the release's migration Job has not run (or failed). */
  | 'behind'
  /** The release's migrations and more after them: the database is at a newer release. */
  | 'ahead'
  /** Another history: a migration renamed, removed, or applied out of order. */
  | 'diverged'
  /** No migrations table: the schema was never migrated. */
  | 'missing';

export interface MigrationVerdict {
  schema: string;
  state: MigrationState;
  /** In the files, not applied. */
  pending: string[];
  /** Applied, not in the files. */
  unknown: string[];
}

/** `expected`: migration names in file order; `applied`: in the order they ran; null: no table. */
export function migrationVerdict(schema: string, expected: readonly string[], applied: readonly string[] | null): MigrationVerdict {
  if (applied === null) return { schema, state: 'missing', pending: [...expected], unknown: [] };
  const known = new Set(expected);
  const ran = new Set(applied);
  const pending = expected.filter((name) => !ran.has(name));
  const unknown = applied.filter((name) => !known.has(name));
  const shared = Math.min(expected.length, applied.length);
  const samePrefix = expected.slice(0, shared).every((name, i) => applied[i] === name);
  let state: MigrationState;
  if (!samePrefix) state = 'diverged';
  else if (expected.length === applied.length) state = 'current';
  else state = applied.length < expected.length ? 'behind' : 'ahead';
  return { schema, state, pending, unknown };
}
