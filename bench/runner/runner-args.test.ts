import { describe, expect, it } from 'vitest';
import { parseRunnerArgs } from './runner-args';

describe('parseRunnerArgs', () => {
  it('defaults to every benchmark and no flag', () => {
    expect(parseRunnerArgs([])).toEqual({ names: [], updateDocs: false, profile: false, strict: false, list: false, help: false });
  });

  it('takes names and flags, with or without the -- pnpm may pass on', () => {
    const expected = { names: ['ingestion', 'scoring'], updateDocs: true, profile: true, strict: false, list: false, help: false };
    expect(parseRunnerArgs(['--', 'ingestion', '--update-docs', 'scoring', '--profile'])).toEqual(expected);
    expect(parseRunnerArgs(['ingestion', '--update-docs', 'scoring', '--profile'])).toEqual(expected);
  });

  it('refuses an unknown flag', () => {
    expect(() => parseRunnerArgs(['--fast'])).toThrow(/--fast/);
  });
});
