// Parsers of Linux /proc files: CPU time and memory of a process, busy time of the machine.
// Pure: the readers in process-usage.ts hand them the files' text.

/** User + system CPU ticks of a process (`/proc/<pid>/stat`, fields 14 and 15). */
export function cpuTicksOfStat(stat: string): number {
  // NOTE: field 2 is the command name in parentheses and may itself hold spaces or ')'; the
  // fields that follow start after its last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unexpected /proc/<pid>/stat format');
  return utime + stime;
}

/** Resident memory in bytes (`VmRSS` of `/proc/<pid>/status`). */
export function rssBytesOfStatus(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('no VmRSS in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

export interface MachineTicks {
  busy: number;
  total: number;
}

/** Busy and total ticks of all CPUs together (the `cpu` line of `/proc/stat`). */
export function machineTicksOfStat(procStat: string): MachineTicks {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) throw new Error('no cpu line in /proc/stat');
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}
