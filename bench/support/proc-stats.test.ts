import { describe, expect, it } from 'vitest';
import { cpuTicksOfStat, machineTicksOfStat, rssBytesOfStatus } from './proc-stats';

describe('/proc parsers', () => {
  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 12345 0 0 0 1500 250 0 0 20 0 11 0 98765 1234567 8910 18446744073709551615';
    expect(cpuTicksOfStat(stat)).toBe(1_750);
  });

  it('refuses a stat line it cannot read', () => {
    expect(() => cpuTicksOfStat('4242 (node) S')).toThrow(/format/);
  });

  it('reads VmRSS in bytes', () => {
    expect(rssBytesOfStatus('Name:\tnode\nVmPeak:\t 900000 kB\nVmRSS:\t  204800 kB\nThreads:\t11\n')).toBe(204_800 * 1024);
    expect(() => rssBytesOfStatus('Name:\tkthreadd\n')).toThrow(/VmRSS/);
  });

  it('counts iowait as idle and everything else as busy', () => {
    const procStat = 'cpu  100 5 50 800 40 3 2 0 0 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 1\n';
    expect(machineTicksOfStat(procStat)).toEqual({ busy: 160, total: 1_000 });
  });
});
