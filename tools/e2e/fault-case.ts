import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceCredentials } from '../simulator/ingestion-admin';
import type { SimulationReport } from '../simulator/run-simulation';
import { EventLedger } from './event-ledger';
import { LatencyProbe } from './latency-probe';
import { formatReconciliation, reconcile, type Reconciliation } from './reconcile';
import { ReportingClient } from './reporting-client';
import { waitUntilSettled, type SettleResult } from './settle';
import { startLoad } from './simulated-load';
import type { RapportSystem } from './system';

// One case of the fault suite: simulator load on a running system, faults injected at given
// moments, then a full reconciliation. Each fault breaks something (kill a process, stop the
// broker…) and repairs it; right after the break a probe event is sent, and the time from the
// break until reporting shows that probe is the case's recovery time.

export interface Fault {
  name: string;
  /** Offset into the load at which the fault strikes… */
  atMs: number;
  /** …or, when given, this long after the previous fault's recovery (faults come one at a time). */
  afterPreviousMs?: number;
  /** Breaks something; resolves once it is broken. */
  inject(system: RapportSystem): Promise<void>;
  /** Time the system stays broken before `repair`. */
  downMs: number;
  /** Puts it back; resolves once repaired (the restarted process is ready). */
  repair(system: RapportSystem): Promise<void>;
}

export interface FaultCaseOptions {
  name: string;
  system: RapportSystem;
  load: {
    seed: number;
    ratePerSecond: number;
    /** The longest the load runs… */
    durationMs: number;
    /** …unless it is stopped this long after the last fault recovered. */
    stopAfterFaultsMs?: number;
    membersPerBrand?: number;
    batchSize?: number;
  };
  faults: Fault[];
  /** How long the system may take to settle once the load ended. */
  settleTimeoutMs?: number;
  /** How long a recovery probe may take to show. */
  recoveryTimeoutMs?: number;
  /** Runs once the load ended, before the system settles (a redelivery storm, more checks). */
  afterLoad?: (context: AfterLoadContext) => Promise<void>;
}

export interface AfterLoadContext {
  system: RapportSystem;
  ledger: EventLedger;
  brandId: string;
  source: SourceCredentials;
  /** The load's recording (every event as sent) and the case's scratch folder. */
  recording: string;
  dir: string;
}

export interface FaultRecovery {
  name: string;
  /** Break → repaired (the restarted process ready, the broker answering). */
  downtimeMs: number;
  /** Break → the probe sent right after it shows in reporting; undefined if it never did. */
  recoveryMs: number | undefined;
}

export interface FaultCaseResult {
  reconciliation: Reconciliation;
  recoveries: FaultRecovery[];
  settle: SettleResult;
  load: SimulationReport;
  /** The block of figures the case printed. */
  report: string;
}

export async function runFaultCase(options: FaultCaseOptions): Promise<FaultCaseResult> {
  const { system, name } = options;
  const dir = mkdtempSync(join(tmpdir(), `rapport-fault-${name}-`));
  const brandId = `${name}-brand`;
  try {
    const source = await system.createSource(brandId);
    const apiKey = await system.mintApiKey([brandId]);
    const reporting = new ReportingClient(system.reportingUrl, apiKey);
    const ledger = new EventLedger();
    const probe = new LatencyProbe({ ingestionUrl: system.ingestionUrl, reporting, brandId, source, ledger, label: name, pollMs: 50 });

    const startedAt = Date.now();
    const load = startLoad(
      {
        ingestionUrl: system.ingestionUrl,
        brandId,
        source,
        dir,
        name,
        seed: options.load.seed,
        membersPerBrand: options.load.membersPerBrand ?? 300,
        ratePerSecond: options.load.ratePerSecond,
        durationMs: options.load.durationMs,
        batchSize: options.load.batchSize ?? 1,
      },
      ledger,
    );
    const recoveries: FaultRecovery[] = [];
    try {
      for (const fault of options.faults) {
        await sleep(fault.afterPreviousMs ?? Math.max(0, startedAt + fault.atMs - Date.now()));
        await fault.inject(system);
        const brokeAt = Date.now();
        const recovered = probe.probe(options.recoveryTimeoutMs ?? 120_000);
        await sleep(fault.downMs);
        await fault.repair(system);
        const downtimeMs = Date.now() - brokeAt;
        const shown = await recovered;
        recoveries.push({ name: fault.name, downtimeMs, recoveryMs: shown.visibleAt === undefined ? undefined : shown.visibleAt - brokeAt });
      }
      if (options.load.stopAfterFaultsMs !== undefined) {
        await sleep(options.load.stopAfterFaultsMs);
        load.stop();
      }
    } catch (error) {
      load.stop();
      await load.done.catch(() => undefined);
      throw error;
    } finally {
      probe.close();
    }
    const loadReport = await load.done;
    await options.afterLoad?.({ system, ledger, brandId, source, recording: load.recording, dir });

    const settle = await waitUntilSettled(system.admin(), options.settleTimeoutMs ?? 120_000);
    const reconciliation = await reconcile({ admin: system.admin(), reporting, ledger });
    const report = formatReconciliation(`fault case: ${name}`, reconciliation, {
      load: `${options.load.ratePerSecond} events/s for ${Math.round(loadReport.summary?.elapsedSeconds ?? 0)} s, ${loadReport.summary?.retries ?? 0} retries, sender p99 ${loadReport.summary?.latencyMs.p99 ?? '?'} ms`,
      ...Object.fromEntries(
        recoveries.map((r) => [`${r.name}`, `down ${r.downtimeMs} ms, recovery ${r.recoveryMs === undefined ? 'NEVER' : `${r.recoveryMs} ms`} (break → a new event visible in reporting)`]),
      ),
      settled: settle.settled ? `${settle.waitedMs} ms after the load ended` : `NOT within ${settle.waitedMs} ms: ${JSON.stringify(settle.backlog)}`,
    });
    console.log(report);
    return { reconciliation, recoveries, settle, load: loadReport, report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SIGKILL one instance, leave it dead for `downMs`, start it again. */
export function killAndRestart(kind: 'ingestion' | 'scoring' | 'reporting', atMs: number, downMs = 1_000, index = 0): Fault {
  return {
    name: `SIGKILL ${kind}-${index + 1} at ${(atMs / 1_000).toFixed(1)} s`,
    atMs,
    downMs,
    inject: (system) => system.instances(kind)[index]!.kill(),
    repair: (system) => system.instances(kind)[index]!.start(),
  };
}
