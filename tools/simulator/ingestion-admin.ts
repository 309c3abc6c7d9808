import * as z from 'zod';
import type { HttpReply, HttpTransport } from './http-transport';

// The part of ingestion's admin API the simulator uses (spec/api.md, "Sources (admin)").

export interface SourceCredentials {
  sourceId: string;
  secret: string;
}

const CreatedSource = z.object({ id: z.string(), brandId: z.string(), secret: z.string() });
const SourceList = z.object({ items: z.array(z.object({ id: z.string(), brandId: z.string(), status: z.string().optional(), name: z.string().optional() })) });
export type SourceSummary = z.infer<typeof SourceList>['items'][number];

export interface NewSource {
  brandId: string;
  platform?: string;
  name: string;
  /** Requests per second; ingestion's default when omitted. */
  rateLimitPerSecond?: number;
}

export class IngestionAdmin {
  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async createSource(source: NewSource): Promise<SourceCredentials> {
    const reply = await this.call('POST', '/v1/admin/sources', { platform: 'custom', ...source });
    const created = CreatedSource.parse(expectStatus(reply, 201, 'creating a source'));
    return { sourceId: created.id, secret: created.secret };
  }

  async listSources(brandId: string): Promise<SourceSummary[]> {
    const reply = await this.call('GET', `/v1/admin/sources?brandId=${encodeURIComponent(brandId)}`);
    return SourceList.parse(expectStatus(reply, 200, 'listing sources')).items;
  }

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpReply> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.adminToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.transport.request(new URL(path, this.baseUrl), { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  }
}

/** The parsed JSON body of an answer with the expected status; otherwise an error naming the problem (never the token). */
export function expectStatus(reply: HttpReply, status: number, what: string): unknown {
  if (reply.status !== status) {
    let detail = reply.body.slice(0, 300);
    try {
      const problem = JSON.parse(reply.body) as { title?: unknown; detail?: unknown };
      if (typeof problem.title === 'string') detail = `${problem.title}${typeof problem.detail === 'string' ? `: ${problem.detail}` : ''}`;
    } catch {
      // not JSON: the raw text (truncated) says enough
    }
    throw new Error(`${what}: HTTP ${reply.status} ${detail}`);
  }
  return JSON.parse(reply.body);
}
