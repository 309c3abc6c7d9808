import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** Appends one JSON value per line to a file, waiting when the disk falls behind. */
export class NdjsonWriter<T> {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(path: string, options: { append?: boolean } = {}) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: options.append === true ? 'a' : 'w' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(value: T): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain');
  }

  /** Flushes and closes: every line written is on disk once this resolves. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
