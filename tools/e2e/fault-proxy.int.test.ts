import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from './fault-proxy';

// The fault proxy against a local echo server: straight through, late, silent, then reset.

let echo: Server;
let proxy: FaultProxy;
beforeAll(async () => {
  // The proxy resets connections on purpose: the echo's side of them just ends.
  echo = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
  const address = echo.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: address.port });
});
afterAll(async () => {
  await proxy.stop();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxy.port, '127.0.0.1', () => {
      socket.off('error', reject).on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Sends `text` and resolves with the echo's round trip in ms, or undefined after `timeoutMs`. */
function roundTrip(socket: Socket, text: string, timeoutMs = 2_000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = performance.now();
    let got = '';
    const timer = setTimeout(() => {
      socket.off('data', onData);
      resolve(undefined);
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      got += chunk.toString();
      if (got === text) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(performance.now() - started);
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
}

describe('FaultProxy', () => {
  it('passes bytes straight through, delays both ways, holds them in a partition and resets after it', async () => {
    const socket = await open();
    expect(await roundTrip(socket, 'hello')).toBeLessThan(100);

    proxy.delay(150);
    const slow = await roundTrip(socket, 'slow');
    expect(slow).toBeGreaterThanOrEqual(295); // 150 ms each way
    proxy.heal();
    expect(await roundTrip(socket, 'fast again')).toBeLessThan(100);

    proxy.partition();
    expect(await roundTrip(socket, 'lost', 500)).toBeUndefined();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    proxy.heal();
    await closed; // the connection that lost bytes is broken for good
    const fresh = await open();
    expect(await roundTrip(fresh, 'new connection')).toBeLessThan(100);
    fresh.destroy();
  });
});
