import type { ServedRelationship } from './model-comparison';

// The reporting REST API as an internal caller uses it (spec/api.md, "Reporting"): an API key,
// one brand at a time. Only what the end-to-end checks read.

export interface HealthPoint {
  periodStart: string;
  partial: boolean;
  members: number;
  interactions: number;
  interactionsByType: Record<string, number>;
}

export interface Funnel {
  acquired: number;
  steps: { stage: string; members: number }[];
  revenueByStage: { stage: string; currency: string; conversions: number; revenue: number }[];
}

export type MemberAnswer = ServedRelationship & { stageHistory: { at: string; stage: string; level: number; cause: string }[] };

export class ReportingClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** The JSON of a 200, null for a 404; anything else is an error naming the status. */
  async get<T>(path: string, signal?: AbortSignal): Promise<T | null> {
    const reply = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.apiKey}` }, ...(signal === undefined ? {} : { signal }) });
    if (reply.status === 404) {
      await reply.body?.cancel();
      return null;
    }
    if (reply.status !== 200) throw new Error(`GET ${path}: HTTP ${reply.status} ${(await reply.text()).slice(0, 300)}`);
    return (await reply.json()) as T;
  }

  private async require<T>(path: string): Promise<T> {
    const answer = await this.get<T>(path);
    if (answer === null) throw new Error(`GET ${path}: 404`);
    return answer;
  }

  /** Every member of the brand, teammates included, all pages (values as of the first page). */
  async allMembers(brandId: string): Promise<ServedRelationship[]> {
    const members: ServedRelationship[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ includeTeam: 'true', limit: '200', ...(cursor === null ? {} : { cursor }) });
      const page: { items: ServedRelationship[]; nextCursor: string | null } = await this.require(`/v1/brands/${encodeURIComponent(brandId)}/members?${query.toString()}`);
      members.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return members;
  }

  member(brandId: string, memberId: string): Promise<MemberAnswer | null> {
    return this.get(`/v1/brands/${encodeURIComponent(brandId)}/members/${encodeURIComponent(memberId)}`);
  }

  lookup(brandId: string, platform: string, platformId: string, signal?: AbortSignal): Promise<MemberAnswer | null> {
    const query = new URLSearchParams({ platform, platformId });
    return this.get(`/v1/brands/${encodeURIComponent(brandId)}/members/lookup?${query.toString()}`, signal);
  }

  async health(brandId: string, from: string, to: string): Promise<HealthPoint[]> {
    const query = new URLSearchParams({ from, to, interval: 'day' });
    return (await this.require<{ series: HealthPoint[] }>(`/v1/brands/${encodeURIComponent(brandId)}/health?${query.toString()}`)).series;
  }

  funnel(brandId: string, from: string, to: string): Promise<Funnel> {
    return this.require(`/v1/brands/${encodeURIComponent(brandId)}/funnel?${new URLSearchParams({ from, to }).toString()}`);
  }
}
