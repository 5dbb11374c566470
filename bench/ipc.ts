import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';

/** Messages between bench/alerts.ts and its child processes (Node IPC, JSON). */
export const ChildMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), port: z.number().int() }),
  z.object({ type: z.literal('ready'), connected: z.number(), failed: z.number(), ms: z.number() }),
  z.object({
    type: z.literal('results'),
    /** Per message id, the receive time on each console (null: never arrived). */
    receipts: z.record(z.string(), z.array(z.number().nullable())),
    /** Since the previous collect: position batches received over all consoles, and seconds elapsed. */
    positionBatches: z.number(),
    seconds: z.number(),
    alarms: z.number(),
    /** Size of one announcing event as the console received it (JSON characters). */
    eventChars: z.number(),
    disconnects: z.number(),
    /** Packets received over all consoles, by event name. */
    packets: z.record(z.string(), z.number()),
  }),
  /** From scripts/startCluster.ts once every process answers /healthz. */
  z.object({
    type: z.literal('cluster'),
    url: z.string(),
    processes: z.array(
      z.object({
        role: z.enum(['web', 'ingest', 'worker', 'balancer']),
        port: z.number().int(),
        pid: z.number().int(),
      }),
    ),
  }),
  z.object({
    type: z.literal('stats'),
    sent: z.number(),
    accepted: z.number(),
    rejected: z.number(),
    failed: z.number(),
    delayed: z.number(),
    units: z.number(),
    answered: z.boolean(),
  }),
]);
export type ChildMessage = z.infer<typeof ChildMessage>;

export const ParentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('collect'), ids: z.array(z.string()), timeoutMs: z.number() }),
  z.object({ type: z.literal('stop') }),
]);
export type ParentMessage = z.infer<typeof ParentMessage>;

const root = path.resolve(import.meta.dirname, '..');

/**
 * Starts a TypeScript file as a child Node process (tsx loader) with an IPC channel.
 * BENCH_CHILD_NODE_ARGS adds Node flags to every such child (the consoles, the load generators),
 * e.g. `--cpu-prof --cpu-prof-dir=DIR` to see where the bench's own CPU goes.
 */
export function forkTs(file: string, args: string[] = [], env: Record<string, string> = {}): ChildProcess {
  return fork(path.join(root, file), args, {
    cwd: root,
    execArgv: [...(process.env.BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message of `type` from the child; rejects if it exits or the time runs out. */
export function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no '${type}' from child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (raw: unknown) => {
      const parsed = ChildMessage.safeParse(raw);
      if (parsed.success && parsed.data.type === type)
        finish(null, parsed.data as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => finish(new Error(`child exited (${code}) before '${type}'`));
    function finish(err: Error | null, value?: Extract<ChildMessage, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err || !value) reject(err ?? new Error('no value'));
      else resolve(value);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function send(child: ChildProcess, message: ParentMessage): void {
  if (child.connected) child.send(message);
}

/** In a child: messages from the parent. */
export function onParentMessage(handler: (message: ParentMessage) => void): void {
  process.on('message', (raw: unknown) => {
    const parsed = ParentMessage.safeParse(raw);
    if (parsed.success) handler(parsed.data);
  });
  // The parent is gone (killed, crashed): do not linger.
  process.on('disconnect', () => process.exit(0));
}

export function toParent(message: ChildMessage): void {
  process.send?.(message);
}

/** SIGTERM, then SIGKILL if it has not exited within graceMs. */
export async function stopChild(child: ChildProcess | null | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
