import { describe, expect, it } from 'vitest';
import { passwordsFromEnv, databaseUrlFor } from './provision';
import { databaseStatements, roleStatements } from './provision-sql';

describe('roleStatements', () => {
  it('creates the six roles, each confined to its schema by search_path', () => {
    const sql = roleStatements().join('\n');
    for (const role of ['ingestion', 'scoring', 'reporting']) {
      expect(sql).toContain(`CREATE ROLE rapport_${role} LOGIN`);
      expect(sql).toContain(`CREATE ROLE rapport_${role}_owner LOGIN`);
      expect(sql).toContain(`ALTER ROLE rapport_${role} SET search_path = ${role}`);
    }
  });

  it('quotes passwords as literals, so a quote in a password cannot end the statement', () => {
    const sql = roleStatements({ scoring: { runtime: "it's; DROP ROLE x" } });
    expect(sql).toContain(`ALTER ROLE rapport_scoring PASSWORD 'it''s; DROP ROLE x'`);
    expect(sql.filter((s) => s.includes('PASSWORD'))).toHaveLength(1);
  });
});

describe('databaseStatements', () => {
  it('grants each runtime role only its own schema', () => {
    const grants = databaseStatements().filter((s) => s.startsWith('GRANT USAGE ON SCHEMA'));
    expect(grants).toEqual([
      'GRANT USAGE ON SCHEMA ingestion TO rapport_ingestion',
      'GRANT USAGE ON SCHEMA scoring TO rapport_scoring',
      'GRANT USAGE ON SCHEMA reporting TO rapport_reporting',
    ]);
  });
});

describe('passwordsFromEnv', () => {
  it('reads RAPPORT_<SVC>_PASSWORD and RAPPORT_<SVC>_OWNER_PASSWORD, ignoring empty ones', () => {
    expect(
      passwordsFromEnv({ RAPPORT_SCORING_PASSWORD: 'a', RAPPORT_INGESTION_OWNER_PASSWORD: 'b', RAPPORT_REPORTING_PASSWORD: '' }),
    ).toEqual({ scoring: { runtime: 'a' }, ingestion: { owner: 'b' } });
  });
});

describe('databaseUrlFor', () => {
  it('swaps database and user and drops the admin password', () => {
    expect(databaseUrlFor('postgres://admin:secret@127.0.0.1:5432/postgres?sslmode=disable', 'rapport', 'rapport_scoring')).toBe(
      'postgres://rapport_scoring@127.0.0.1:5432/rapport?sslmode=disable',
    );
  });

  it('keeps the admin identity when no role is given, and encodes a role password', () => {
    expect(databaseUrlFor('postgres://postgres@127.0.0.1:5432/postgres', 'x')).toBe('postgres://postgres@127.0.0.1:5432/x');
    expect(databaseUrlFor('postgres://postgres@127.0.0.1/postgres', 'x', 'r', 'p@ss/w')).toBe('postgres://r:p%40ss%2Fw@127.0.0.1/x');
  });
});
