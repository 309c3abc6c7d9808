import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planDemoSource } from './demo-source';
import { loadDemoState, saveDemoState } from './demo-state';

const saved = { id: 'src_1', secret: 'whsec_x', historySent: true };

describe('the demo source', () => {
  it('keeps the saved source while ingestion lists it as active', () => {
    expect(planDemoSource(saved, [{ id: 'src_0', brandId: 'demo', status: 'active' }, { id: 'src_1', brandId: 'demo', status: 'active' }])).toEqual({ kind: 'keep', source: saved });
  });

  it('creates a new one when none is saved, the saved one is unknown, or it was disabled', () => {
    expect(planDemoSource(undefined, [{ id: 'src_1', brandId: 'demo', status: 'active' }])).toMatchObject({ kind: 'create', historySent: false });
    // Unknown: a new database, which needs the history again.
    expect(planDemoSource(saved, [])).toMatchObject({ kind: 'create', reason: expect.stringContaining('unknown') as string, historySent: false });
    // Disabled: same database, the brand has its history already (if it was sent).
    expect(planDemoSource(saved, [{ id: 'src_1', brandId: 'demo', status: 'disabled' }])).toMatchObject({ kind: 'create', reason: expect.stringContaining('disabled') as string, historySent: true });
    expect(planDemoSource({ ...saved, historySent: false }, [{ id: 'src_1', brandId: 'demo', status: 'disabled' }])).toMatchObject({ historySent: false });
  });
});

describe('the demo state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips, readable only by its owner, and starts over from a missing or broken file', () => {
    const path = join(dir, 'nested', 'demo.json');
    expect(loadDemoState(path)).toEqual({ runs: 0 });
    const state = { source: saved, apiKey: { id: 'k1', key: 'rk_secret' }, runs: 3 };
    saveDemoState(path, state);
    expect(loadDemoState(path)).toEqual(state);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(state);
    writeFileSync(path, '{"runs": "many"');
    expect(loadDemoState(path)).toEqual({ runs: 0 });
  });
});
