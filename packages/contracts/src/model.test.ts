import { expect, test } from 'vitest';
import { failingPaths } from '../test/failing-paths';
import { ModelActivated } from './model';

const model = { brandId: 'acme', modelVersion: 3, halfLifeSeconds: 2_592_000, activatedAt: '2025-03-01T12:00:00Z', relationships: 1200 };

test('accepts a model activation, tolerating unknown fields', () => {
  expect(ModelActivated.parse({ ...model, note: 'x' })).toEqual(model);
});

test.each([
  ['modelVersion 0', { modelVersion: 0 }, 'modelVersion'],
  ['halfLifeSeconds 0', { halfLifeSeconds: 0 }, 'halfLifeSeconds'],
  ['negative relationships', { relationships: -1 }, 'relationships'],
  ['activatedAt not a timestamp', { activatedAt: 'now' }, 'activatedAt'],
])('rejects %s', (_name, overrides, path) => {
  expect(failingPaths(ModelActivated, { ...model, ...overrides })).toEqual([path]);
});
