import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpuTicksOfStat, machineTicksOfStat, rssBytesOfStatus } from './proc-stats';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a process (all its threads) has used so far; undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    return cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export function rssBytesOf(pid: number): number | undefined {
  try {
    return rssBytesOfStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU seconds of each named group of processes, of this process, and of the whole machine. */
export interface UsageSnapshot {
  at: number;
  groups: Record<string, number>;
  self: number;
  machine: { busy: number; total: number };
}

/** Cores used between two snapshots (1.0 = one core busy all the time). */
export interface UsageBetween {
  seconds: number;
  cores: Record<string, number>;
  self: number;
  /** Share of all the machine's CPUs that were busy, whoever used them. */
  machineBusy: number;
}

/**
 * Takes CPU snapshots of named process groups (the service; the broker; Postgres backends) so a
 * phase can say how much CPU each used, and how busy the machine was with everything else.
 */
export class UsageProbe {
  constructor(private readonly groups: () => Record<string, readonly number[]>) {}

  snapshot(): UsageSnapshot {
    const groups: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups())) {
      groups[name] = pids.reduce((sum, pid) => sum + (cpuSecondsOf(pid) ?? 0), 0);
    }
    const own = process.cpuUsage();
    return {
      at: performance.now(),
      groups,
      self: (own.user + own.system) / 1e6,
      machine: machineTicksOfStat(readFileSync('/proc/stat', 'utf8')),
    };
  }

  static between(before: UsageSnapshot, after: UsageSnapshot): UsageBetween {
    const seconds = (after.at - before.at) / 1000;
    const cores: Record<string, number> = {};
    for (const [name, used] of Object.entries(after.groups)) cores[name] = (used - (before.groups[name] ?? 0)) / seconds;
    const total = after.machine.total - before.machine.total;
    return {
      seconds,
      cores,
      self: (after.self - before.self) / seconds,
      machineBusy: total > 0 ? (after.machine.busy - before.machine.busy) / total : 0,
    };
  }
}

/** Samples a process's RSS until stopped: its peak and its last value. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peakBytes = 0;
  lastBytes = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    const rss = rssBytesOf(this.pid);
    if (rss === undefined) return;
    this.lastBytes = rss;
    this.peakBytes = Math.max(this.peakBytes, rss);
  }
}
