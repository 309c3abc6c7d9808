import { q, type Queryable } from '@rapport/kit/pg';
import type { Counter } from '../domain/rollup-counters';

export interface BrandCounter {
  brandId: string;
  counter: Counter;
}

interface Column {
  field: string;
  column: string;
  type: 'date' | 'text' | 'int' | 'bigint' | 'numeric';
}

interface TableSpec {
  table: string;
  keys: Column[];
  values: Column[];
}

// Static table specs (never user input): each counter kind is one rollup table.
const SPECS: { [K in Counter['kind']]: TableSpec } = {
  interactions: {
    table: 'daily_interactions',
    keys: [{ field: 'day', column: 'day', type: 'date' }, { field: 'type', column: 'type', type: 'text' }],
    values: [{ field: 'n', column: 'n', type: 'bigint' }],
  },
  engagement: {
    table: 'daily_engagement',
    keys: [{ field: 'day', column: 'day', type: 'date' }],
    values: [
      { field: 'awaiting', column: 'awaiting', type: 'bigint' }, { field: 'answered', column: 'answered', type: 'bigint' },
      { field: 'positive', column: 'positive', type: 'bigint' }, { field: 'negative', column: 'negative', type: 'bigint' },
      { field: 'withSentiment', column: 'with_sentiment', type: 'bigint' },
    ],
  },
  response: {
    table: 'response_times',
    keys: [
      { field: 'interval', column: 'granularity', type: 'text' }, { field: 'period', column: 'period_start', type: 'date' },
      { field: 'bucket', column: 'bucket', type: 'int' },
    ],
    values: [{ field: 'n', column: 'n', type: 'bigint' }],
  },
  revenue: {
    table: 'daily_revenue',
    keys: [{ field: 'day', column: 'day', type: 'date' }, { field: 'stage', column: 'stage', type: 'text' }, { field: 'currency', column: 'currency', type: 'text' }],
    values: [{ field: 'conversions', column: 'conversions', type: 'bigint' }, { field: 'revenue', column: 'revenue', type: 'numeric' }],
  },
  acquisition: {
    table: 'daily_acquisition',
    keys: [{ field: 'day', column: 'day', type: 'date' }],
    values: [
      { field: 'acquired', column: 'acquired', type: 'bigint' }, { field: 'engaged', column: 'engaged', type: 'bigint' },
      { field: 'advocate', column: 'advocate', type: 'bigint' }, { field: 'converted', column: 'converted', type: 'bigint' },
    ],
  },
  activity: {
    table: 'period_activity',
    keys: [{ field: 'interval', column: 'granularity', type: 'text' }, { field: 'period', column: 'period_start', type: 'date' }],
    values: [{ field: 'active', column: 'active', type: 'bigint' }, { field: 'retained', column: 'retained', type: 'bigint' }],
  },
  cohort: {
    table: 'cohort_activity',
    keys: [
      { field: 'interval', column: 'granularity', type: 'text' }, { field: 'cohort', column: 'cohort_start', type: 'date' },
      { field: 'period', column: 'period_start', type: 'date' },
    ],
    values: [{ field: 'active', column: 'active', type: 'bigint' }],
  },
  stage: {
    table: 'daily_stage_changes',
    keys: [
      { field: 'dimension', column: 'dimension', type: 'text' }, { field: 'value', column: 'value', type: 'text' },
      { field: 'day', column: 'day', type: 'date' },
    ],
    values: [{ field: 'n', column: 'n', type: 'bigint' }],
  },
};

/**
 * Adds counter deltas to the rollup tables, one statement per table. Deltas are summed per row
 * in SQL (exact for `numeric` revenue); rows whose values all return to zero are removed, so
 * the tables depend only on what they count, not on the path that led there.
 */
export async function writeCounters(client: Queryable, counters: readonly BrandCounter[]): Promise<void> {
  const byKind = new Map<Counter['kind'], BrandCounter[]>();
  for (const c of netCounters(counters)) {
    const list = byKind.get(c.counter.kind);
    if (list === undefined) byKind.set(c.counter.kind, [c]);
    else list.push(c);
  }
  // Fixed table order (and sorted rows below) so concurrent batches lock rows in the same order.
  for (const kind of Object.keys(SPECS) as Array<Counter['kind']>) {
    const rows = byKind.get(kind);
    if (rows === undefined || rows.length === 0) continue;
    await writeTable(client, SPECS[kind], rows);
  }
}

async function writeTable(client: Queryable, spec: TableSpec, counters: readonly BrandCounter[]): Promise<void> {
  const all = [{ field: 'brandId', column: 'brand_id', type: 'text' } as Column, ...spec.keys];
  const json = JSON.stringify(counters.map(({ brandId, counter }) => {
    const record: Record<string, unknown> = { brand_id: brandId };
    const c = counter as unknown as Record<string, unknown>;
    for (const col of [...spec.keys, ...spec.values]) record[col.column] = col.type === 'numeric' ? String(c[col.field]) : c[col.field];
    return record;
  }));
  const keyCols = all.map((c) => c.column).join(', ');
  const recordType = [...all, ...spec.values].map((c) => `${c.column} ${c.type === 'numeric' ? 'text' : c.type}`).join(', ');
  const sums = spec.values.map((c) => (c.type === 'numeric' ? `sum(${c.column}::numeric)` : `sum(${c.column})`));
  const nonZero = sums.map((s) => `${s} <> 0`).join(' OR ');
  const updates = spec.values.map((c) => `${c.column} = t.${c.column} + excluded.${c.column}`).join(', ');
  await q(
    client,
    `reporting:add-${spec.table.replaceAll('_', '-')}`,
    `INSERT INTO ${spec.table} AS t (${keyCols}, ${spec.values.map((c) => c.column).join(', ')})
     SELECT ${keyCols}, ${sums.join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS r(${recordType})
      GROUP BY ${keyCols}
     HAVING ${nonZero}
      ORDER BY ${keyCols}
     ON CONFLICT (${keyCols}) DO UPDATE SET ${updates}`,
    [json],
  );
  const anyNegative = counters.some(({ counter }) => {
    const c = counter as unknown as Record<string, unknown>;
    return spec.values.some((col) => String(c[col.field]).startsWith('-'));
  });
  if (!anyNegative) return;
  const match = all.map((c) => `t.${c.column} = r.${c.column}`).join(' AND ');
  const zero = spec.values.map((c) => `t.${c.column} = 0`).join(' AND ');
  await q(
    client,
    `reporting:prune-${spec.table.replaceAll('_', '-')}`,
    `DELETE FROM ${spec.table} t USING (SELECT DISTINCT ${keyCols} FROM jsonb_to_recordset($1::jsonb) AS r(${recordType})) r
      WHERE ${match} AND ${zero}`,
    [json],
  );
}

/**
 * Sums the integer counters of the same row here, so that what cancels out (a period's activity
 * counted out and in again by a diff) never reaches the database. Revenue stays as it is: its
 * decimal strings are summed exactly by Postgres.
 */
export function netCounters(counters: readonly BrandCounter[]): BrandCounter[] {
  const out: BrandCounter[] = [];
  const sums = new Map<string, { brandId: string; counter: Record<string, unknown> }>();
  for (const c of counters) {
    if (c.counter.kind === 'revenue') {
      out.push(c);
      continue;
    }
    const spec = SPECS[c.counter.kind];
    const fields = c.counter as unknown as Record<string, unknown>;
    const key = [c.brandId, c.counter.kind, ...spec.keys.map((k) => String(fields[k.field]))].join('\u0000');
    const sum = sums.get(key);
    if (sum === undefined) sums.set(key, { brandId: c.brandId, counter: { ...fields } });
    else for (const v of spec.values) sum.counter[v.field] = (sum.counter[v.field] as number) + (fields[v.field] as number);
  }
  for (const { brandId, counter } of sums.values()) {
    const spec = SPECS[(counter as { kind: Counter['kind'] }).kind];
    if (spec.values.some((v) => counter[v.field] !== 0)) out.push({ brandId, counter: counter as unknown as Counter });
  }
  return out;
}
