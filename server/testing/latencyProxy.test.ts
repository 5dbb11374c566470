import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LatencyProxy } from './latencyProxy';

/** An upstream that echoes what it reads, as a stand-in for Redis answering. */
async function echoServer(): Promise<{ server: net.Server; accepted: net.Socket[] }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => {
    accepted.push(s);
    s.pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, accepted };
}

function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** Writes `text` and resolves with the time until as many bytes came back. */
async function roundTrip(socket: net.Socket, text: string): Promise<number> {
  const started = Date.now();
  let got = '';
  await new Promise<void>((resolve) => {
    const onData = (d: Buffer) => {
      got += d.toString();
      if (got.length >= text.length) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
  expect(got).toBe(text);
  return Date.now() - started;
}

describe('LatencyProxy', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setUp() {
    const upstream = await echoServer();
    cleanup.push(() => new Promise((r) => upstream.server.close(r)));
    const proxy = await LatencyProxy.start({ host: '127.0.0.1', port: portOf(upstream.server) });
    cleanup.push(() => proxy.stop());
    const socket = await connect(proxy.port);
    cleanup.push(() => socket.destroy());
    return { upstream, proxy, socket };
  }

  it('passes bytes at once without a delay, holds them both ways with one, and stops holding when it is removed', async () => {
    const { proxy, socket } = await setUp();
    expect(await roundTrip(socket, 'PING\r\n')).toBeLessThan(150);
    proxy.setDelay({ minMs: 200, maxMs: 300 });
    // Held on the way up and again on the way back.
    expect(await roundTrip(socket, 'PING\r\n')).toBeGreaterThanOrEqual(390);
    proxy.setDelay(null);
    expect(await roundTrip(socket, 'PING\r\n')).toBeLessThan(150);
  });

  it('keeps the order of bytes although each chunk draws its own delay', async () => {
    const { proxy, socket } = await setUp();
    proxy.setDelay({ minMs: 0, maxMs: 200 });
    const sent = Array.from({ length: 60 }, (_, i) => `<${i}>`);
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString();
    });
    for (const part of sent) {
      socket.write(part);
      // Separate chunks, each with its own draw (written together they would travel as one).
      await new Promise((r) => setTimeout(r, 5));
    }
    const expected = sent.join('');
    const deadline = Date.now() + 5_000;
    while (got.length < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(got).toBe(expected);
  });

  it('closes the client when the upstream goes away, and at once while it is down', async () => {
    const { upstream, proxy, socket } = await setUp();
    await roundTrip(socket, 'PING\r\n');
    const closed = new Promise((r) => socket.once('close', r));
    upstream.server.close();
    for (const s of upstream.accepted) s.destroy();
    await closed;
    // Accepted by the proxy, then closed as soon as the upstream refuses it.
    const refused = await connect(proxy.port);
    await new Promise((r) => refused.once('close', r));
    // The proxy's own ends close a tick after the client sees it.
    for (let i = 0; i < 50 && proxy.connections > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(proxy.connections).toBe(0);
  });
});
