import { describe, expect, it } from 'vitest';
import { evaluateGoal } from '../runner/goals';
import { ingestionFigures, phaseNote, type IngestionMeasurements, type ShapeMeasurements } from './ingestion-figures';
import type { PhaseMeasurement } from './load-phases';

function phase(overrides: Partial<PhaseMeasurement>): PhaseMeasurement {
  return {
    phase: 's',
    target: 'ingestion',
    model: 'closed',
    eventsPerRequest: 1,
    seconds: 10,
    accepted: 60_000,
    eventsPerSecond: 6_000,
    statuses: { '202': 60_000 },
    errors: 0,
    latencyMs: { p50: 5, p99: 12 },
    usage: { seconds: 10, cores: { ingestion: 1.1, postgres: 0.4 }, self: 0.2, machineBusy: 0.97 },
    generatedLive: 0,
    ...overrides,
  };
}

function shape(service: number, bare: number, p99: number): ShapeMeasurements {
  return {
    bareClosed: phase({ target: 'bare', eventsPerSecond: bare, usage: { seconds: 10, cores: { bare: 1.1 }, self: 0.3, machineBusy: 0.9 } }),
    serviceClosed: phase({ eventsPerSecond: service }),
    bareOpen: phase({ target: 'bare', model: 'open', latencyMs: { p50: 0.8, p99: 3 } }),
    serviceOpen: phase({ model: 'open', eventsPerSecond: service * 0.7, latencyMs: { p50: 4, p99 } }),
    drainSeconds: 0.5,
  };
}

const audit = { acknowledged: 10, publishedDistinct: 10, lost: 0, extraCopies: 0, publishedWithoutAnswer: 0, foreign: 0, lostSample: [] };

function measurements(overrides: Partial<IngestionMeasurements> = {}): IngestionMeasurements {
  return { single: shape(6_000, 15_000, 12), batch: shape(35_000, 400_000, 18), rss: { peakBytes: 200 * 1024 * 1024, endBytes: 150 * 1024 * 1024 }, audit, ...overrides };
}

const byName = (figures: ReturnType<typeof ingestionFigures>, start: string) => {
  const figure = figures.find((f) => f.name.startsWith(start));
  if (figure === undefined) throw new Error(`no figure ${start}`);
  return figure;
};

describe('ingestionFigures', () => {
  it('judges each rate, share and latency against the goals of issue 3', () => {
    const figures = ingestionFigures(measurements());
    expect(byName(figures, 'single-event requests, max rate')).toMatchObject({ value: 6_000, goal: { op: '>=', value: 5_000 }, ceiling: { value: 15_000 } });
    expect(byName(figures, 'single-event rate as a share')).toMatchObject({ value: 40, unit: '%', goal: { op: '>=', value: 35 } });
    expect(byName(figures, '100-event batches, max rate')).toMatchObject({ value: 35_000, goal: { op: '>=', value: 30_000 }, ceiling: { value: 400_000 } });
    expect(byName(figures, 'single-event p99 at 70% of max (4,200 events/s)')).toMatchObject({ value: 12, goal: { op: '<=', value: 20 }, ceiling: { value: 3 } });
    expect(byName(figures, '100-event batch p99')).toMatchObject({ value: 18, goal: { op: '<=', value: 20 } });
    expect(figures.filter((f) => f.goal !== undefined).every((f) => evaluateGoal(f) === 'met')).toBe(true);
  });

  it('misses what falls short', () => {
    const figures = ingestionFigures(measurements({ single: shape(4_000, 15_000, 31) }));
    expect(evaluateGoal(byName(figures, 'single-event requests, max rate'))).toBe('missed');
    expect(evaluateGoal(byName(figures, 'single-event rate as a share'))).toBe('missed');
    expect(evaluateGoal(byName(figures, 'single-event p99'))).toBe('missed');
    expect(evaluateGoal(byName(figures, '100-event batches, max rate'))).toBe('met');
  });

  it('fails the delivery goals on a lost event or an extra copy', () => {
    const figures = ingestionFigures(measurements({ audit: { ...audit, lost: 1, extraCopies: 2 } }));
    expect(evaluateGoal(byName(figures, 'accepted events missing'))).toBe('missed');
    expect(evaluateGoal(byName(figures, 'extra copies'))).toBe('missed');
  });

  it('has no share when the bare route answered nothing', () => {
    expect(byName(ingestionFigures(measurements({ single: shape(6_000, 0, 12) })), 'single-event rate as a share').value).toBeNull();
  });

  it('leaves a skipped shape unmeasured rather than judged', () => {
    const figures = ingestionFigures(measurements({ batch: undefined }));
    const rate = byName(figures, '100-event batches, max rate');
    expect(rate.value).toBeNull();
    expect(rate.ceiling).toBeUndefined();
    expect(evaluateGoal(rate)).toBe('unmeasured');
    expect(evaluateGoal(byName(figures, '100-event batch p99 at 70% of max'))).toBe('unmeasured');
    expect(evaluateGoal(byName(figures, 'single-event requests, max rate'))).toBe('met');
  });

  it('gives the CPU time per event of the service next to the bare route’s', () => {
    // 1.1 cores at 6,000 events/s against the bare route's 1.1 cores at 15,000 events/s.
    const figure = byName(ingestionFigures(measurements()), 'ingestion CPU per event at max rate, single events');
    expect(figure.value).toBeCloseTo(183.33, 1);
    expect(figure.unit).toBe('µs');
    expect(figure.ceiling?.value).toBeCloseTo(73.33, 1);
  });

  it('reports CPU and memory of the service and the client', () => {
    const figures = ingestionFigures(measurements());
    expect(byName(figures, 'ingestion CPU at max rate, single events').value).toBe(1.1);
    expect(byName(figures, 'ingestion RSS, peak').value).toBe(200);
    expect(byName(figures, 'load client CPU').value).toBe(0.2);
  });
});

describe('phaseNote', () => {
  it('says what was sent, what came back and who used the CPU', () => {
    const note = phaseNote(phase({ statuses: { '202': 10, '503': 2 }, errors: 1, model: 'open', targetRequestsPerSecond: 4_200, latencyMs: { p50: 1, p99: 2, max: 9 } }));
    expect(note).toBe(
      's (ingestion, open at 4200 req/s, 1 event(s)/request, 10.0 s): 6000 events/s; 202×10 503×2; 1 errors; p50 1.00 ms, p99 2.00 ms, max 9.0 ms; ' +
        'CPU cores: ingestion 1.10, postgres 0.40, client 0.20, machine busy 97%',
    );
  });
});
