// Splits the bytes of a keep-alive HTTP/1.1 connection into responses. Just enough HTTP for the
// open-model client: status, Content-Length bodies, `connection: close`. Fastify answers every
// route the benchmark calls with a Content-Length; anything else is an error, never a guess.

export interface FramedResponse {
  status: number;
  /** The server will close the connection after this response. */
  close: boolean;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export class HttpResponseFramer {
  private buffered: Buffer = Buffer.alloc(0);

  /** Feeds received bytes; returns every response they complete, in order. */
  push(chunk: Buffer): FramedResponse[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const responses: FramedResponse[] = [];
    for (;;) {
      const headerEnd = this.buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return responses;
      const head = this.buffered.subarray(0, headerEnd).toString('latin1');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
      if (!status) throw new Error(`not an HTTP response: ${statusLine.slice(0, 80)}`);
      let length: number | undefined;
      let close = false;
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'transfer-encoding') throw new Error(`unsupported transfer-encoding ${value}`);
        else if (name === 'connection') close = value.toLowerCase() === 'close';
      }
      if (length === undefined || !Number.isInteger(length) || length < 0) throw new Error('a response without a valid content-length');
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffered.length < bodyStart + length) return responses;
      responses.push({ status: Number(status[1]), close, body: this.buffered.subarray(bodyStart, bodyStart + length) });
      this.buffered = this.buffered.subarray(bodyStart + length);
    }
  }

  /** Bytes of a response not complete yet. */
  get pendingBytes(): number {
    return this.buffered.length;
  }
}
