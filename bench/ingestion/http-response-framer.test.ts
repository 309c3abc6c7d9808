import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { HttpResponseFramer } from './http-response-framer';

function response(status: number, body: string, extra: string[] = []): string {
  return [`HTTP/1.1 ${status} X`, 'content-type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, ...extra, '', body].join('\r\n');
}

const stream = [response(202, '{"accepted":1}'), response(503, '', ['retry-after: 5']), response(202, '{"accepted":100,"ids":["é"]}', ['Connection: close'])].join('');

describe('HttpResponseFramer', () => {
  it('frames back-to-back responses with their status, body and connection close', () => {
    const responses = new HttpResponseFramer().push(Buffer.from(stream));
    expect(responses.map((r) => [r.status, r.body.toString(), r.close])).toEqual([
      [202, '{"accepted":1}', false],
      [503, '', false],
      [202, '{"accepted":100,"ids":["é"]}', true],
    ]);
  });

  test.prop([fc.array(fc.nat({ max: Buffer.byteLength(stream) }), { maxLength: 12 })])('gives the same responses however the bytes are split', (cuts) => {
    const bytes = Buffer.from(stream);
    const points = [...new Set([0, ...cuts, bytes.length])].sort((a, b) => a - b);
    const framer = new HttpResponseFramer();
    const statuses: number[] = [];
    for (let i = 1; i < points.length; i += 1) statuses.push(...framer.push(bytes.subarray(points[i - 1], points[i])).map((r) => r.status));
    expect(statuses).toEqual([202, 503, 202]);
    expect(framer.pendingBytes).toBe(0);
  });

  it('waits for the rest of a body', () => {
    const framer = new HttpResponseFramer();
    const bytes = Buffer.from(response(202, '{"accepted":1}'));
    expect(framer.push(bytes.subarray(0, bytes.length - 3))).toEqual([]);
    expect(framer.push(bytes.subarray(bytes.length - 3)).map((r) => r.status)).toEqual([202]);
  });

  it('refuses what it cannot frame rather than guess', () => {
    expect(() => new HttpResponseFramer().push(Buffer.from('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n'))).toThrow(/chunked/);
    expect(() => new HttpResponseFramer().push(Buffer.from('HTTP/1.1 200 OK\r\nx: y\r\n\r\n'))).toThrow(/content-length/);
    expect(() => new HttpResponseFramer().push(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP response/);
  });
});
