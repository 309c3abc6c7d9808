import { Presets, SingleBar } from 'cli-progress';
import type { SendStats } from './send-stats';

// The terminal's view of a run: a bar over the expected number of events (or a counter when the
// run has no known end), refreshed from the statistics a few times a second.

export interface ProgressDisplay {
  stop(): void;
}

export function startProgress(stats: SendStats, expectedEvents: number | undefined, stream: NodeJS.WritableStream = process.stderr): ProgressDisplay {
  const started = Date.now();
  const format =
    (expectedEvents === undefined ? '{value} events' : '{bar} {percentage}% | {value}/{total} events') +
    ' | {rate} ev/s | 2xx {ok} | rejected {rejected} | no answer {failed} | p99 {p99} ms';
  const bar = new SingleBar({ format, stream, hideCursor: true, etaBuffer: 50, fps: 5 }, Presets.shades_classic);
  const payload = () => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1_000);
    return {
      rate: Math.round(stats.events / seconds),
      ok: stats.accepted + stats.duplicates + stats.ignored,
      rejected: stats.rejectedEvents,
      failed: stats.failed,
      p99: Math.round(stats.percentileMs(99) * 10) / 10,
    };
  };
  bar.start(expectedEvents ?? 0, 0, payload());
  const timer = setInterval(() => bar.update(stats.events, payload()), 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar.update(stats.events, payload());
      bar.stop();
    },
  };
}
