import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';

/** Anything that runs a query: a `Pool`, a `PoolClient` inside a transaction, a `Client`. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>;
}

// A tag lands inside a SQL comment, so it must never be able to close it.
const TAG = /^[a-z0-9][a-z0-9:._-]{0,99}$/;

/** `/* scoring:upsert-relationships *\/ SELECT …` — the tag names the query's origin in slow-query logs. */
export function tagSql(tag: string, text: string): string {
  if (!TAG.test(tag)) throw new Error(`invalid query tag ${JSON.stringify(tag)}: expected ${TAG.source}`);
  return `/* ${tag} */ ${text}`;
}

/**
 * Runs a parameterized, tagged query: `q(client, 'scoring:upsert-relationships', 'INSERT … $1', [x])`.
 * Values always travel as bind parameters, never inside `text`.
 */
export function q<R extends QueryResultRow = QueryResultRow>(
  client: Queryable,
  tag: string,
  text: string,
  params: readonly unknown[] = [],
): Promise<QueryResult<R>> {
  return client.query<R>({ text: tagSql(tag, text), values: [...params] });
}
