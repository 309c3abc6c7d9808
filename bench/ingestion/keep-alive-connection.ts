import { connect, type Socket } from 'node:net';
import { HttpResponseFramer } from './http-response-framer';

/**
 * One keep-alive HTTP/1.1 connection with at most one request in flight (webhook senders do not
 * pipeline). Writes pre-built request bytes: the client's own cost per request stays a few
 * microseconds, so it takes as little CPU as possible from the service it measures.
 */
export class KeepAliveConnection {
  private readonly socket: Socket;
  private readonly framer = new HttpResponseFramer();
  private pending: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  readonly connected: Promise<void>;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    // A connection that never connected is reported through `connected`; later ones fail the request.
    this.connected.catch(() => undefined);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  /** Usable for another request. */
  get alive(): boolean {
    return this.failure === undefined;
  }

  /** Sends the request; resolves with the response's status. */
  send(raw: Buffer): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(raw);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let responses;
    try {
      responses = this.framer.push(chunk);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      this.socket.destroy();
      return;
    }
    for (const response of responses) {
      const pending = this.pending;
      this.pending = undefined;
      if (response.close) this.failure = new Error('the server closed the connection');
      pending?.resolve(response.status);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
