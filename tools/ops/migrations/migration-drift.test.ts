import { describe, expect, it } from 'vitest';
import { migrationVerdict } from './migration-drift';

const files = ['1_outbox', '2_sources', '3_intake'];

describe('migration drift', () => {
  it('is current when the applied history is exactly the files', () => {
    expect(migrationVerdict('ingestion', files, files)).toEqual({ schema: 'ingestion', state: 'current', pending: [], unknown: [] });
  });

  it('is behind with the missing ones pending, and missing without a migrations table', () => {
    expect(migrationVerdict('ingestion', files, ['1_outbox'])).toMatchObject({ state: 'behind', pending: ['2_sources', '3_intake'] });
    expect(migrationVerdict('ingestion', files, [])).toMatchObject({ state: 'behind', pending: files });
    expect(migrationVerdict('ingestion', files, null)).toMatchObject({ state: 'missing', pending: files });
  });

  it('is ahead when a newer release migrated, naming what this checkout does not know', () => {
    expect(migrationVerdict('ingestion', files, [...files, '4_next'])).toMatchObject({ state: 'ahead', pending: [], unknown: ['4_next'] });
  });

  it('is diverged for a renamed, removed or reordered migration', () => {
    expect(migrationVerdict('ingestion', files, ['1_outbox', '2_renamed', '3_intake'])).toMatchObject({ state: 'diverged', pending: ['2_sources'], unknown: ['2_renamed'] });
    expect(migrationVerdict('ingestion', files, ['1_outbox', '3_intake'])).toMatchObject({ state: 'diverged', pending: ['2_sources'] });
    expect(migrationVerdict('ingestion', files, ['2_sources', '1_outbox', '3_intake'])).toMatchObject({ state: 'diverged', pending: [], unknown: [] });
  });
});
