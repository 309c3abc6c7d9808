import { describe, expect, it } from 'vitest';
import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { q, tagSql } from './tagged-query';

describe('tagSql', () => {
  it('prefixes the query with its tag as a comment', () => {
    expect(tagSql('scoring:upsert-relationships', 'SELECT 1')).toBe('/* scoring:upsert-relationships */ SELECT 1');
  });

  it.each(['', 'x */ DROP TABLE t; /*', 'Upper:case', 'has space', 'a'.repeat(101)])('rejects the tag %j', (tag) => {
    expect(() => tagSql(tag, 'SELECT 1')).toThrow(/invalid query tag/);
  });
});

describe('q', () => {
  it('sends the tagged text and the parameters separately', async () => {
    const sent: QueryConfig[] = [];
    const client = {
      query<R extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>> {
        sent.push(config);
        return Promise.resolve({ rows: [], rowCount: 0, command: 'SELECT', oid: 0, fields: [] });
      },
    };
    await q(client, 'kit:test', 'SELECT $1::text', ["'; DROP TABLE x; --"]);
    expect(sent).toEqual([{ text: '/* kit:test */ SELECT $1::text', values: ["'; DROP TABLE x; --"] }]);
  });
});
