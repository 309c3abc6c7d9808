import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Plain node:http with keep-alive agents: the least client overhead per request, so that the
// simulator is not what limits a throughput measurement.

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestInit {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpTransportOptions {
  /** Open connections per origin at most. */
  maxSockets: number;
  /** A request that has not answered by then is abandoned (a network failure). */
  timeoutMs?: number;
}

export class HttpTransport {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;
  private readonly timeoutMs: number;

  constructor(options: HttpTransportOptions) {
    this.http = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Resolves with any HTTP answer; rejects only when no answer came (refused, reset, timeout). */
  request(url: string | URL, init: HttpRequestInit): Promise<HttpReply> {
    const target = typeof url === 'string' ? new URL(url) : url;
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    return new Promise((resolve, reject) => {
      const req = send(target, { method: init.method, headers, agent: secure ? this.https : this.http, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(init.body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
