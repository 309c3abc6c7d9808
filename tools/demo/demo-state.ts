import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

// What the demo must remember between starts (`.local/demo.json`, git-ignored): the source's
// secret and the API key are shown only once by the services, so they are kept here.

const DemoState = z.object({
  source: z
    .object({
      id: z.string(),
      secret: z.string(),
      /** The history has been sent to this source (and accepted) once. */
      historySent: z.boolean(),
    })
    .optional(),
  apiKey: z.object({ id: z.string(), key: z.string() }).optional(),
  /** Starts so far: each start's live traffic gets its own ids and random stream. */
  runs: z.number().int().min(0).default(0),
});
export type DemoState = z.infer<typeof DemoState>;

/** The saved state; an empty one when the file is missing or unreadable (the demo then starts over). */
export function loadDemoState(path: string): DemoState {
  try {
    return DemoState.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return { runs: 0 };
  }
}

export function saveDemoState(path: string, state: DemoState): void {
  mkdirSync(dirname(path), { recursive: true });
  // Written whole then renamed: a Ctrl-C mid-write never leaves half a file.
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
