import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { z } from 'zod';
import { forkTs, nextMessage, send, stopChild } from './ipc';
import { ProcSampler } from './procStats';
import type { Teardown } from './teardown';
import type { Topology } from './topology';

/**
 * How units report their positions, once a second each:
 * - `http`: a gateway's POST /api/v1/units/:id/position with the device key (bench/unitLoad.ts,
 *   the simulator as load generator), which goes to the ingest processes in a cluster;
 * - `socket`: each unit's field officer over their own socket, 'unit:v1:position'
 *   (bench/socketUnitLoad.ts), which goes to the web processes.
 */
export type Transport = 'http' | 'socket';
export const TRANSPORTS: readonly Transport[] = ['http', 'socket'];

const LoadStats = z.object({
  type: z.literal('stats'),
  accepted: z.number(),
  rejected: z.number(),
  failed: z.number(),
  delayed: z.number(),
  sent: z.number(),
  units: z.number(),
  /** Whether reports are answered one by one (HTTP); the field app's socket reports are not. */
  answered: z.boolean(),
});
export type LoadStats = Omit<z.infer<typeof LoadStats>, 'type'>;

const NONE: LoadStats = {
  accepted: 0,
  rejected: 0,
  failed: 0,
  delayed: 0,
  sent: 0,
  units: 0,
  answered: true,
};

export class PositionLoad {
  private latest: LoadStats = NONE;
  readonly cpu: ProcSampler;

  constructor(
    readonly transport: Transport,
    readonly units: number,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (raw: unknown) => {
      const parsed = LoadStats.safeParse(raw);
      if (parsed.success) this.latest = parsed.data;
    });
    this.cpu = new ProcSampler(child.pid ?? 0);
  }

  /** The load generator's own counts so far (as it last reported them, once a second). */
  current(): LoadStats {
    return { ...this.latest };
  }

  /** Waits until every unit is reporting, or the time is up. */
  async reporting(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.latest.units < this.units && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    return this.latest.units;
  }

  async stop(): Promise<void> {
    this.cpu.stop();
    send(this.child, { type: 'stop' });
    await stopChild(this.child, 3000);
  }
}

/** Starts `units` of the topology's seeded units reporting over `transport`. */
export async function startPositionLoad(
  topology: Topology,
  transport: Transport,
  units: number,
  teardown: Teardown,
): Promise<PositionLoad> {
  if (units > topology.units.length)
    throw new Error(`${units} units asked for, ${topology.units.length} seeded`);
  if (transport === 'http') {
    const child = forkTs('bench/unitLoad.ts', [], {
      LOAD_URL: topology.url,
      LOAD_UNITS: String(units),
      LOAD_RATE: String(units),
      LOAD_PASSWORD: topology.password,
      LOAD_DEVICE_KEY: topology.gatewayKey,
    });
    teardown.add('HTTP position load', () => stopChild(child, 3000));
    return new PositionLoad(transport, units, child);
  }
  const file = `${topology.unitsFile}.${units}.json`;
  fs.writeFileSync(file, JSON.stringify(topology.units.slice(0, units)));
  const child = forkTs('bench/socketUnitLoad.ts', [], { LOAD_URL: topology.url, LOAD_UNITS_FILE: file });
  teardown.add('socket position load', () => stopChild(child, 3000));
  const load = new PositionLoad(transport, units, child);
  await nextMessage(child, 'ready', 60_000 + units * 50);
  return load;
}
