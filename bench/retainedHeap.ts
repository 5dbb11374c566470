import { WebSocket } from 'ws';

/**
 * What a server process retains, read through its inspector (`--inspect=127.0.0.1:PORT`, given
 * by the bench to a process it started): a full garbage collection, then
 * `process.memoryUsage()`. RSS and the heap read between collections follow V8's own sizing
 * (one soak saw 321 MB of heap in use between collections whose floor was 108 MB); what survives
 * a forced collection is what the consoles actually hold. A full collection stops the process
 * for a few hundred milliseconds, so a reading is taken only once per sample.
 */
export class RetainedHeap {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id === undefined) return;
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
    });
  }

  static async connect(inspectorPort: number, timeoutMs = 30_000): Promise<RetainedHeap> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{
          webSocketDebuggerUrl: string;
        }>;
        const url = targets[0]?.webSocketDebuggerUrl;
        if (!url) throw new Error('no inspector target');
        const socket = new WebSocket(url);
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        return new RetainedHeap(socket);
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} unanswered`)), 60_000);
      this.waiting.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Bytes of JavaScript heap (and of memory outside it) left after a full collection. */
  async read(): Promise<{ heapUsedBytes: number; externalBytes: number }> {
    await this.call('HeapProfiler.collectGarbage');
    const result = (await this.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result?: { value?: string } };
    const usage = JSON.parse(result.result?.value ?? '{}') as { heapUsed?: number; external?: number };
    if (typeof usage.heapUsed !== 'number') throw new Error('inspector: no memory usage');
    return { heapUsedBytes: usage.heapUsed, externalBytes: usage.external ?? 0 };
  }

  close(): void {
    this.socket.close();
  }
}
