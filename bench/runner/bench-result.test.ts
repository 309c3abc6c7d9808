import { describe, expect, it } from 'vitest';
import { notesOf, parseBenchOutput } from './bench-result';

const valid = { name: 'ingestion', figures: [{ name: 'rate', value: 5_100, unit: 'events/s', goal: { op: '>=', value: 5_000 } }], notes: 'one note' };

describe('parseBenchOutput', () => {
  it('takes the last non-empty line as the result and keeps what came before', () => {
    const parsed = parseBenchOutput(`warming up\n{"not": "the result"}\n${JSON.stringify(valid)}\n\n`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.result.name).toBe('ingestion');
    expect(parsed.result.figures[0]).toEqual(valid.figures[0]);
    expect(parsed.result.failures).toEqual([]);
    expect(parsed.before).toBe('warming up\n{"not": "the result"}');
  });

  it('reports empty output', () => {
    const parsed = parseBenchOutput('\n  \n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^no output/);
  });

  it('reports a last line that is not JSON', () => {
    const parsed = parseBenchOutput(`${JSON.stringify(valid)}\nError: boom`);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toBe('the last line of stdout is not JSON: Error: boom');
  });

  it('lists every path that breaks the format', () => {
    const bad = { name: 'Ingestion Bench', figures: [{ name: '', value: 'fast', unit: 'events/s', goal: { op: '>', value: 1 } }] };
    const parsed = parseBenchOutput(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('name:');
    expect(parsed.error).toContain('figures.0.name');
    expect(parsed.error).toContain('figures.0.value');
    expect(parsed.error).toContain('figures.0.goal.op');
  });

  it('accepts an unmeasured figure (null) but not a non-finite number', () => {
    expect(parseBenchOutput(JSON.stringify({ name: 'x', figures: [{ name: 'a', value: null, unit: 'ms' }] })).ok).toBe(true);
    // JSON has no Infinity: a benchmark that computed one prints null, which is what the format wants.
    expect(parseBenchOutput('{"name":"x","figures":[{"name":"a","value":1e999,"unit":"ms"}]}').ok).toBe(false);
  });
});

describe('notesOf', () => {
  it('gives a list whichever form the notes took', () => {
    const one = parseBenchOutput(JSON.stringify(valid));
    const many = parseBenchOutput(JSON.stringify({ ...valid, notes: ['a', 'b'] }));
    const none = parseBenchOutput(JSON.stringify({ name: 'x', figures: [] }));
    expect(one.ok && notesOf(one.result)).toEqual(['one note']);
    expect(many.ok && notesOf(many.result)).toEqual(['a', 'b']);
    expect(none.ok && notesOf(none.result)).toEqual([]);
  });
});
