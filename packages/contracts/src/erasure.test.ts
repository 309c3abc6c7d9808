import { expect, test } from 'vitest';
import { failingPaths } from '../test/failing-paths';
import { ErasureReceipt, ErasureRequested } from './erasure';

const request = { id: 'er-1', brandId: 'acme', platform: 'x', platformId: 'u 42', requestedAt: '2025-03-01T12:00:00Z' };
const receipt = { erasureId: 'er-1', service: 'scoring', completedAt: '2025-03-01T12:00:05Z' };

test('accepts a request and a receipt', () => {
  expect(ErasureRequested.parse(request)).toEqual(request);
  expect(ErasureReceipt.parse(receipt)).toEqual(receipt);
});

test.each([
  ['unknown platform', { platform: 'myspace' }, 'platform'],
  ['empty platformId', { platformId: '' }, 'platformId'],
  ['bad brandId', { brandId: 'a b' }, 'brandId'],
  ['missing requestedAt', { requestedAt: undefined }, 'requestedAt'],
])('rejects a request with %s', (_name, overrides, path) => {
  expect(failingPaths(ErasureRequested, { ...request, ...overrides })).toEqual([path]);
});

test('rejects a receipt from an unknown service', () => {
  expect(failingPaths(ErasureReceipt, { ...receipt, service: 'billing' })).toEqual(['service']);
});
