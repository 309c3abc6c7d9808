import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON fixture of `fixtures/<platform>/<name>`, parsed (tests only). */
export function loadFixture(platform: string, name: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', platform, name), 'utf8')) as unknown;
}
