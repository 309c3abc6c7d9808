import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { KeepAliveConnection } from './keep-alive-connection';
import { dueAtMs, dueCount, scheduledRequests } from './open-model-schedule';

export interface OpenModelOptions {
  host: string;
  port: number;
  ratePerSecond: number;
  durationMs: number;
  /** The next request to send (pre-built bytes) and its index in the phase. */
  next(): { index: number; raw: Buffer };
  /** Every answer, with the index of the request it answers. */
  onStatus(index: number, status: number): void;
  /** Connections opened before the clock starts; more are opened when all are busy. */
  initialConnections?: number;
  maxConnections?: number;
  /** After the last request is due, how long to wait for the answers still missing. */
  drainTimeoutMs?: number;
}

export interface OpenModelResult {
  ratePerSecond: number;
  scheduled: number;
  completed: number;
  /** Connection errors and answers lost (a request without a response by the drain deadline). */
  errors: number;
  statuses: Record<string, number>;
  /** From the request's due time to its answer, in microseconds (what a sender experiences). */
  latencyUs: Histogram;
  /** From the request's write to its answer, in microseconds (the server's share). */
  serviceUs: Histogram;
  connectionsOpened: number;
  /** Most requests waiting for a free connection at once (all `maxConnections` busy). */
  maxQueued: number;
  /** From the first due time to the last answer. */
  elapsedMs: number;
}

interface Due {
  index: number;
  raw: Buffer;
  dueAt: number;
}

function histogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

/**
 * Sends requests at a fixed rate over keep-alive connections (one request in flight each), opening
 * connections as needed up to `maxConnections` and queueing beyond that. Records latency from each
 * request's due time with an HDR histogram.
 */
export async function runOpenModel(options: OpenModelOptions): Promise<OpenModelResult> {
  const total = scheduledRequests(options.ratePerSecond, options.durationMs);
  const maxConnections = options.maxConnections ?? 512;
  const latencyUs = histogram();
  const serviceUs = histogram();
  const statuses: Record<string, number> = {};
  const idle: KeepAliveConnection[] = [];
  const every: KeepAliveConnection[] = [];
  const queue: Due[] = [];
  let open = 0;
  let opened = 0;
  let completed = 0;
  let errors = 0;
  let issued = 0;
  let maxQueued = 0;
  let inFlight = 0;
  let allAnswered: (() => void) | undefined;

  const openConnection = () => {
    open += 1;
    opened += 1;
    const connection = new KeepAliveConnection(options.host, options.port);
    every.push(connection);
    return connection;
  };
  for (let i = 0; i < (options.initialConnections ?? 16); i += 1) idle.push(openConnection());
  await Promise.all(idle.map((c) => c.connected));

  const settle = () => {
    inFlight -= 1;
    if (issued === total && inFlight === 0 && queue.length === 0) allAnswered?.();
  };
  const dispatch = () => {
    while (queue.length > 0) {
      let connection = idle.pop();
      while (connection !== undefined && !connection.alive) {
        open -= 1;
        connection = idle.pop();
      }
      if (connection === undefined) {
        if (open >= maxConnections) break;
        connection = openConnection();
      }
      const due = queue.shift()!;
      const conn = connection;
      const sentAt = performance.now();
      conn.send(due.raw).then(
        (status) => {
          const now = performance.now();
          latencyUs.recordValue(Math.max(1, Math.round((now - due.dueAt) * 1000)));
          serviceUs.recordValue(Math.max(1, Math.round((now - sentAt) * 1000)));
          statuses[status] = (statuses[status] ?? 0) + 1;
          completed += 1;
          options.onStatus(due.index, status);
          if (conn.alive) idle.push(conn);
          else open -= 1;
          settle();
          dispatch();
        },
        () => {
          errors += 1;
          open -= 1;
          conn.close();
          settle();
          dispatch();
        },
      );
    }
    maxQueued = Math.max(maxQueued, queue.length);
  };

  const start = performance.now();
  const answered = new Promise<void>((resolve) => (allAnswered = resolve));
  await new Promise<void>((resolve) => {
    // NOTE: a 1 ms timer fires every 1–2 ms; each tick sends every request due by then, each
    // stamped with its own due time, so the rate stays exact and timer jitter shows as latency
    // (the bare-route ceiling measured the same way shows how much of it is the client's).
    const tick = () => {
      const due = dueCount(performance.now() - start, options.ratePerSecond, total);
      while (issued < due) {
        const { index, raw } = options.next();
        queue.push({ index, raw, dueAt: start + dueAtMs(issued, options.ratePerSecond) });
        issued += 1;
        inFlight += 1;
      }
      dispatch();
      if (issued >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  if (total === 0) allAnswered?.();
  let drainTimer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    answered.then(() => true),
    new Promise<boolean>((resolve) => (drainTimer = setTimeout(() => resolve(false), options.drainTimeoutMs ?? 30_000))),
  ]);
  clearTimeout(drainTimer);
  const elapsedMs = performance.now() - start;
  // Requests never answered count as errors: a sender would have timed out on them.
  if (!drained) errors += total - completed - errors;
  for (const connection of every) connection.close();
  return {
    ratePerSecond: options.ratePerSecond,
    scheduled: total,
    completed,
    errors,
    statuses,
    latencyUs,
    serviceUs,
    connectionsOpened: opened,
    maxQueued,
    elapsedMs,
  };
}
