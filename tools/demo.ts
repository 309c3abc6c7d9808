// The demo brand of `bash infra/start.sh`: waits for the services, makes sure the brand has a
// source (kept in .local/demo.json with its secret) and a reporting API key, sends a couple of
// months of history once, then live traffic at a gentle rate until Ctrl-C or SIGTERM.
import { loadDemoConfig, type DemoConfig } from './demo/demo-config';
import { ensureDemoSource } from './demo/demo-source';
import { loadDemoState, saveDemoState, type DemoState } from './demo/demo-state';
import { ReportingKeys, type ApiKey } from './demo/reporting-keys';
import { waitReady } from './demo/wait-ready';
import { HttpTransport } from './simulator/http-transport';
import { IngestionAdmin } from './simulator/ingestion-admin';
import { runSimulation, type SimulationOptions } from './simulator/run-simulation';
import { SendStats, type SendSummary } from './simulator/send-stats';

const COMMUNITY_SEED = 42;
const log = (line: string) => console.log(`demo: ${line}`);
// Ctrl-C (the whole terminal group) or SIGTERM (start.sh stopping): stop sending, finish what is
// in flight, say what was sent, exit 0.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

async function main(): Promise<void> {
  const config = loadDemoConfig(process.env);

  const transport = new HttpTransport({ maxSockets: 4, timeoutMs: 10_000 });
  try {
    await waitReady(transport, { ingestion: config.INGESTION_URL }, config.DEMO_READY_TIMEOUT_MS, stop.signal);
    await waitReady(transport, { reporting: config.REPORTING_URL }, 10_000, stop.signal).catch((error: unknown) =>
      log(`reporting is not ready (${String(error instanceof Error ? error.message : error)}); sending anyway`),
    );

    const state = loadDemoState(config.DEMO_STATE_FILE);
    state.runs += 1;
    const save = () => saveDemoState(config.DEMO_STATE_FILE, state);
    state.source = await ensureDemoSource(new IngestionAdmin(transport, config.INGESTION_URL, config.ADMIN_TOKEN), config.DEMO_BRAND, state.source, log);
    save();
    const apiKey = await ensureApiKey(new ReportingKeys(transport, config.REPORTING_URL, config.ADMIN_TOKEN), config, state);
    save();
    printBanner(config, state, apiKey);

    const base: SimulationOptions = {
      ingestionUrl: config.INGESTION_URL,
      source: { sourceId: state.source.id, secret: state.source.secret },
      brands: [config.DEMO_BRAND],
      membersPerBrand: config.DEMO_MEMBERS,
      seed: COMMUNITY_SEED,
      concurrency: 4,
      maxInFlight: 64,
      batchSize: 1,
      signal: stop.signal,
      log,
    };

    if (!state.source.historySent && !stop.signal.aborted) {
      log(`sending ${config.DEMO_HISTORY_DAYS} days of history (about ${config.DEMO_HISTORY_EVENTS} events)`);
      // NOTE: fixed ids (same seed, same prefix): if a start is interrupted, the next one sends
      // the same history again and ingestion acknowledges what it already has as duplicates.
      const history = await runSimulation({ ...base, historyDays: config.DEMO_HISTORY_DAYS, events: config.DEMO_HISTORY_EVENTS, batchSize: 100, idPrefix: 'demo-h-' });
      log(`history: ${describe(history.summary!)}`);
      if (allAccepted(history.summary!) && !stop.signal.aborted) {
        state.source.historySent = true;
        save();
      }
    }

    if (!stop.signal.aborted) {
      log(`live traffic at ${config.DEMO_RATE} events/s until stopped`);
      const stats = new SendStats();
      const watch = watchLiveTraffic(stats);
      try {
        const live = await runSimulation({ ...base, trafficSeed: COMMUNITY_SEED + state.runs, ratePerSecond: config.DEMO_RATE, idPrefix: `demo-r${state.runs}-`, stats });
        log(`stopped; live traffic: ${describe(live.summary!)}`);
      } finally {
        clearInterval(watch);
      }
    }
  } finally {
    transport.close();
  }
}

async function ensureApiKey(keys: ReportingKeys, config: DemoConfig, state: DemoState): Promise<ApiKey | undefined> {
  try {
    if (state.apiKey !== undefined && (await keys.check(state.apiKey.key, config.DEMO_BRAND)) !== 'invalid') return state.apiKey;
    state.apiKey = await keys.mint('demo dashboard', [config.DEMO_BRAND]);
    return state.apiKey;
  } catch (error) {
    log(`no reporting API key (${error instanceof Error ? error.message : String(error)}); mint one later with POST ${config.REPORTING_URL}/v1/admin/api-keys`);
    return state.apiKey;
  }
}

function printBanner(config: DemoConfig, state: DemoState, apiKey: ApiKey | undefined): void {
  console.log(
    [
      '',
      `  Demo brand '${config.DEMO_BRAND}' (${config.DEMO_MEMBERS} simulated members)`,
      `    dashboard   ${config.REPORTING_URL}/dashboard`,
      `    API key     ${apiKey?.key ?? '(none yet: reporting did not mint one)'}`,
      `    source      ${state.source?.id ?? '?'}   (its secret and the key are kept in ${config.DEMO_STATE_FILE})`,
      '',
    ].join('\n'),
  );
}

function allAccepted(summary: SendSummary): boolean {
  return summary.failedEvents === 0 && Object.keys(summary.rejectedEvents).length === 0;
}

function describe(s: SendSummary): string {
  const rejected = Object.entries(s.rejectedEvents).map(([status, n]) => `${n} × ${status}`).join(', ');
  return `${s.events} events in ${s.elapsedSeconds} s, ${s.acceptedEvents} accepted, ${s.duplicateEvents} duplicates` +
    (rejected === '' ? '' : `, rejected ${rejected}`) +
    (s.failedEvents === 0 ? '' : `, ${s.failedEvents} without answer`);
}

/** Says so when live events start failing, at most once a minute, instead of a line per event. */
function watchLiveTraffic(stats: SendStats): NodeJS.Timeout {
  let reported = 0;
  const timer = setInterval(() => {
    const bad = stats.failed + stats.rejectedEvents;
    if (bad > reported) {
      log(`${bad - reported} live events not accepted in the last minute (${stats.events} sent so far)`);
      reported = bad;
    }
  }, 60_000);
  timer.unref();
  return timer;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Stopped while waiting for the services: nothing went wrong.
    if (stop.signal.aborted) process.exit(0);
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
