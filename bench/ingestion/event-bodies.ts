// The events the ingestion benchmark sends: comments shaped like a real sender's, each with a
// unique id that says which phase and request it belongs to (`<phase>.<request>.<event>`), so the
// topic audit can tell every published event's origin without keeping a set of strings.

/** Members the events are spread over: Kafka keys (and so partitions) vary as in real traffic. */
const MEMBERS = 5_000;

export function benchEventId(phase: string, request: number, event: number): string {
  return `${phase}.${request}.${event}`;
}

/** `{phase, request, event}` of an id made by `benchEventId`; undefined for any other id. */
export function parseBenchEventId(id: string): { phase: string; request: number; event: number } | undefined {
  const match = /^([a-z0-9-]+)\.(\d+)\.(\d+)$/.exec(id);
  if (!match) return undefined;
  return { phase: match[1]!, request: Number(match[2]), event: Number(match[3]) };
}

export function benchEvent(id: string, sequence: number, occurredAt: string): Record<string, unknown> {
  const member = (sequence * 7_919) % MEMBERS;
  return {
    id,
    platform: 'custom',
    type: 'comment',
    direction: 'inbound',
    occurredAt,
    member: { platformId: `member-${member}`, handle: `fan${member}`, displayName: `Fan Number ${member}`, followers: (member * 37) % 20_000 },
    content: {
      text: `Loved the new release, especially the part about community ${sequence % 97}! Will share with friends.`,
      url: `https://community.example.com/t/${member}/${sequence}`,
    },
  };
}

/** The body of request `request` of a phase: one event alone, or `{"events": [...]}`. */
export function requestBody(phase: string, request: number, eventsPerRequest: number, occurredAt: string): string {
  if (eventsPerRequest === 1) return JSON.stringify(benchEvent(benchEventId(phase, request, 0), request, occurredAt));
  const events = Array.from({ length: eventsPerRequest }, (_, k) => benchEvent(benchEventId(phase, request, k), request * eventsPerRequest + k, occurredAt));
  return JSON.stringify({ events });
}
