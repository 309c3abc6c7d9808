import { createConnection, createServer, type Server, type Socket } from 'node:net';

// A TCP proxy the fault suite controls, put between a service and a dependency (Postgres): it
// forwards bytes as they come, or late (`delay`), or not at all (`partition`: connections stay
// open and silent, as when packets are dropped), or it cuts every connection (`reset`).

type Mode = { kind: 'pass'; delayMs: number } | { kind: 'partition' };

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class FaultProxy {
  private mode: Mode = { kind: 'pass', delayMs: 0 };
  private readonly pairs = new Set<Pair>();
  /** Connections that lost bytes to a partition: broken for good, reset when it heals. */
  private readonly dropped = new Set<Pair>();
  /** Per direction of each pair, when its last chunk is due: order is kept when the delay changes. */
  private readonly due = new WeakMap<Socket, number>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the proxy has no port');
    const proxy = new FaultProxy(server, address.port, target);
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  /** Every byte, both ways, arrives this much later (0: straight through). */
  delay(ms: number): void {
    this.mode = { kind: 'pass', delayMs: ms };
  }

  /** Nothing passes any more, and nothing is refused: connections hang until `heal`. */
  partition(): void {
    this.mode = { kind: 'partition' };
  }

  heal(): void {
    this.mode = { kind: 'pass', delayMs: 0 };
    // Bytes sent during the partition were dropped, as a real partition drops packets; their
    // connections are broken (a protocol cannot resume mid-message), so they are reset now.
    for (const pair of [...this.dropped]) this.close(pair);
  }

  /** Cuts every open connection (RST); new ones are accepted. */
  reset(): void {
    for (const pair of this.pairs) this.close(pair);
  }

  get connections(): number {
    return this.pairs.size;
  }

  async stop(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = createConnection(this.target);
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    const end = () => this.close(pair);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => this.forward(chunk, upstream, pair));
    upstream.on('data', (chunk: Buffer) => this.forward(chunk, client, pair));
  }

  private forward(chunk: Buffer, to: Socket, pair: Pair): void {
    const mode = this.mode;
    if (mode.kind === 'partition') {
      // Dropped on the floor; the connection is reset when the partition heals.
      pair.client.pause();
      pair.upstream.pause();
      this.dropped.add(pair);
      return;
    }
    if (this.dropped.has(pair)) return;
    if (mode.delayMs === 0 && (this.due.get(to) ?? 0) <= performance.now()) {
      to.write(chunk);
      return;
    }
    const at = Math.max(performance.now() + mode.delayMs, this.due.get(to) ?? 0);
    this.due.set(to, at);
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, at - performance.now());
  }

  private close(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    this.dropped.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.resetAndDestroy();
  }
}
