import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INIT_SQL_PATH, renderInitSql } from './render-init-sql';

describe('init/01-rapport.sql', () => {
  it('is exactly what provision-sql.ts renders (regenerate with `tsx infra/postgres/render-init-sql.ts`)', () => {
    expect(readFileSync(INIT_SQL_PATH, 'utf8')).toBe(renderInitSql());
  });

  it('carries no password', () => {
    expect(renderInitSql()).not.toMatch(/PASSWORD\s+'/i);
  });
});
