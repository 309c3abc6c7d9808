import { describe, expect, it } from 'vitest';
import { parseSamples } from './prometheus-samples';

describe('prometheus samples', () => {
  it('reads names, labels and values, skipping comments', () => {
    const text = [
      '# HELP up whether',
      '# TYPE x_total counter',
      'x_total{a="1",b="two words"} 3',
      'y_bucket{le="+Inf"} +Inf 1700000000000',
      'z 0.25',
      '',
    ].join('\n');
    expect(parseSamples(text)).toEqual([
      { name: 'x_total', labels: '{a="1",b="two words"}', value: 3 },
      { name: 'y_bucket', labels: '{le="+Inf"}', value: Number.POSITIVE_INFINITY },
      { name: 'z', labels: '', value: 0.25 },
    ]);
  });

  it('refuses a line that is not a sample', () => {
    expect(() => parseSamples('what is this')).toThrow(/not a sample line/);
  });
});
