import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { InteractionEventInput } from '@rapport/contracts';
import { NdjsonWriter } from './ndjson-writer';
import type { SimulatedEvent } from './traffic-generator';

// A recorded stream: one `{"brandId": …, "event": {…}}` per line, in sending order. `--out`
// writes it and `--from` replays it, so a run can be repeated exactly. Events are replayed as
// recorded, not re-validated: a recording may hold deliberately bad events.

export function createStreamFileWriter(path: string): NdjsonWriter<SimulatedEvent> {
  return new NdjsonWriter<SimulatedEvent>(path);
}

export async function* readStreamFile(path: string): AsyncGenerator<SimulatedEvent, void, undefined> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    yield parseLine(line, `${path}:${number}`);
  }
}

function parseLine(line: string, where: string): SimulatedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`${where}: not JSON`);
  }
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: expected {"brandId", "event"}`);
  const { brandId, event } = value as Record<string, unknown>;
  if (typeof brandId !== 'string' || typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new Error(`${where}: expected {"brandId": string, "event": object}`);
  }
  return { brandId, event: event as InteractionEventInput };
}

/** The brands a recording sends to (a first pass, so that sources exist before the replay). */
export async function brandsInStreamFile(path: string): Promise<string[]> {
  const brands = new Set<string>();
  for await (const { brandId } of readStreamFile(path)) brands.add(brandId);
  return [...brands];
}
