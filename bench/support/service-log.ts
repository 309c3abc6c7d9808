import { createReadStream } from 'node:fs';
import { rename, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const KEEP_WHOLE_BYTES = 8 * 1024 * 1024;
const WARN = 40;

/**
 * A service at `info` logs two lines per request, hundreds of MB over a benchmark. Once it has
 * stopped, keep what a reader needs: lines at warn and above, and the last lines of the run.
 */
export async function trimServiceLog(file: string, tailLines = 200): Promise<void> {
  const { size } = await stat(file);
  if (size <= KEEP_WHOLE_BYTES) return;
  const kept: string[] = [];
  const tail: string[] = [];
  let dropped = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (level === undefined || Number(level) >= WARN) kept.push(line);
    else {
      dropped += 1;
      tail.push(line);
      if (tail.length > tailLines) tail.shift();
    }
  }
  const header = `# trimmed by the benchmark: ${dropped} lines below warn dropped (${size} bytes before); warn and above kept, then the last ${tail.length} lines`;
  await writeFile(`${file}.tmp`, [header, ...kept, '# --- last lines ---', ...tail, ''].join('\n'));
  await rename(`${file}.tmp`, file);
}
