/**
 * The lighter position path: every unit's field officer on its own socket.io connection
 * (as the field app is), reporting with 'unit:v1:position' once a second, volatile and without
 * an ack, as client/src/field/fieldStore.ts does: a report the socket cannot take at once is
 * dropped, and what the server admitted or shed is read from its /metrics. The units move as
 * the simulator moves them. Env: LOAD_URL, LOAD_UNITS_FILE (JSON BenchUnit[]).
 */
import fs from 'node:fs';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events/socketEvents';
import { io, type Socket } from 'socket.io-client';
import { round6 } from '../simulator/geo';
import { createRand } from '../simulator/random';
import { SimUnit } from '../simulator/simUnit';
import { onParentMessage, toParent } from './ipc';
import type { BenchUnit } from './seedUnits';

const url = process.env.LOAD_URL ?? '';
const seeded: BenchUnit[] = JSON.parse(fs.readFileSync(process.env.LOAD_UNITS_FILE ?? '', 'utf8'));
const rand = createRand(5);
const BATCH = 100;
const TICK_MS = 50;
const INTERVAL_MS = 1000;

interface Reporter {
  unit: SimUnit;
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
}

const stats = { sent: 0, accepted: 0, rejected: 0, failed: 0, delayed: 0, units: 0, answered: false };

function connect(u: BenchUnit): Promise<Reporter | null> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie: `sl_session=${u.token}` },
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    timeout: 30_000,
  });
  const unit = new SimUnit(u.unitId, u.callSign, u.kind, { lat: u.lat, lng: u.lng });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ unit, socket }));
    socket.once('connect_error', () => {
      socket.close();
      resolve(null);
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const reporters: Reporter[] = [];
  for (let i = 0; i < seeded.length; i += BATCH) {
    const batch = await Promise.all(seeded.slice(i, i + BATCH).map(connect));
    for (const r of batch) if (r) reporters.push(r);
  }
  stats.units = reporters.length;
  toParent({
    type: 'ready',
    connected: reporters.length,
    failed: seeded.length - reporters.length,
    ms: performance.now() - started,
  });

  // Spread the reports evenly over the second.
  const now0 = Date.now();
  reporters.forEach((r, i) => {
    r.unit.nextReportAt = now0 + (INTERVAL_MS * i) / Math.max(1, reporters.length);
  });
  let last = now0;
  const ticker = setInterval(() => {
    const now = Date.now();
    const dtS = (now - last) / 1000;
    last = now;
    for (const { unit, socket } of reporters) {
      unit.advance(now, dtS, rand);
      if (now < unit.nextReportAt) continue;
      if (now - unit.nextReportAt > INTERVAL_MS) stats.delayed++;
      unit.nextReportAt = Math.max(unit.nextReportAt + INTERVAL_MS, now + 950);
      stats.sent++;
      const report = {
        ...round6(unit.position),
        accuracyM: unit.accuracyM(rand),
        at: new Date().toISOString(),
      };
      socket.volatile.emit('unit:v1:position', report);
    }
  }, TICK_MS);
  const reporting = setInterval(() => toParent({ type: 'stats', ...stats }), 1000);

  onParentMessage((message) => {
    if (message.type !== 'stop') return;
    clearInterval(ticker);
    clearInterval(reporting);
    toParent({ type: 'stats', ...stats });
    for (const { socket } of reporters) socket.close();
    setTimeout(() => process.exit(0), 200);
  });
}

process.on('SIGTERM', () => process.exit(0));
void main();
