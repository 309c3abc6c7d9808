// The samples of a Prometheus text exposition (what /metrics answers), read loosely: name, label
// text and value of each sample line; comments and blank lines skipped.

export interface Sample {
  name: string;
  labels: string;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\d+)?$/;

export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line.slice(0, 200)}`);
    samples.push({ name: match[1]!, labels: match[2] ?? '', value: sampleValue(match[3]!) });
  }
  return samples;
}

/** Go's float text: `+Inf`, `-Inf` and `NaN` besides plain numbers. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}
