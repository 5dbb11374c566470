import net from 'node:net';

export interface Delay {
  minMs: number;
  maxMs: number;
}

/**
 * A TCP proxy on a spare port in front of a server (the fault suite's Redis), that can hold every
 * chunk for a random delay in both directions, as a congested or lossy network would. Bytes keep
 * their order: a chunk never leaves before the one read before it. When the upstream refuses or
 * goes away, the client's connection is closed too, so a restart behind the proxy looks to the
 * client as it would without it.
 */
export class LatencyProxy {
  private delay: Delay | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  port = 0;

  private constructor(private readonly upstream: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(upstream: { host: string; port: number }): Promise<LatencyProxy> {
    const proxy = new LatencyProxy(upstream);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  private accept(client: net.Socket): void {
    const target = net.connect(this.upstream);
    for (const s of [client, target]) {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    const toTarget = pipeDelayed(client, target, () => this.delay);
    const toClient = pipeDelayed(target, client, () => this.delay);
    // A side that closes closes the other once what it sent has been passed on.
    client.once('close', () => void toTarget.drained().then(() => target.destroy()));
    target.once('close', () => void toClient.drained().then(() => client.destroy()));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Holds each chunk read from now on for a random time in [minMs, maxMs]; null passes them at once. */
  setDelay(delay: Delay | null): void {
    this.delay = delay;
  }

  /** Open connections, both sides counted. */
  get connections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Copies from one socket to the other through a queue released in order: each chunk is due at
 * the later of its own delay and the chunk before it, so random delays never reorder bytes.
 */
function pipeDelayed(
  from: net.Socket,
  to: net.Socket,
  delay: () => Delay | null,
): { drained(): Promise<void> } {
  const queue: { chunk: Buffer; due: number }[] = [];
  let lastDue = 0;
  let timer: NodeJS.Timeout | undefined;
  let onDrained: (() => void)[] = [];

  const release = () => {
    timer = undefined;
    const now = Date.now();
    while (queue.length && (queue[0]?.due ?? 0) <= now) {
      const head = queue.shift();
      if (head && !to.destroyed) to.write(head.chunk);
    }
    if (queue.length) timer = setTimeout(release, (queue[0]?.due ?? now) - now);
    else {
      for (const done of onDrained) done();
      onDrained = [];
    }
  };

  from.on('data', (chunk: Buffer) => {
    const d = delay();
    const now = Date.now();
    if (!d && !queue.length) {
      to.write(chunk);
      return;
    }
    const own = d ? now + d.minMs + Math.random() * (d.maxMs - d.minMs) : now;
    lastDue = Math.max(own, lastDue);
    queue.push({ chunk, due: lastDue });
    if (!timer) timer = setTimeout(release, lastDue - now);
  });

  return {
    drained: () =>
      queue.length ? new Promise<void>((resolve) => onDrained.push(resolve)) : Promise.resolve(),
  };
}
