/**
 * N consoles in one process, recording when each receives each announced message.
 *
 * FLEET_MODE=socketio: Shieldline consoles (socket.io-client, websocket transport, one shared
 * dispatcher session cookie in FLEET_COOKIE); a message is the first 'stream:v1:event' about an
 * incident (topic incident, version 1). They confirm distress alarms like the console does
 * (`console:v1:applied`, coalesced).
 * FLEET_MODE=ws: plain `ws` clients of the baseline server; a message is a JSON text with an id.
 */
import { createAlarmReporter } from '@shared/events/alarmReporter';
import { onDistressAlarm } from '@shared/events/distressAlarm';
import { createPositionsReporter } from '@shared/events/positionsReporter';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/events/socketEvents';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { onParentMessage, toParent } from './ipc';

const mode = process.env.FLEET_MODE === 'ws' ? 'ws' : 'socketio';
const url = process.env.FLEET_URL ?? '';
const count = Number(process.env.FLEET_COUNT ?? 1000);
const cookie = process.env.FLEET_COOKIE ?? '';
const BATCH = 50;

const wallNow = () => performance.timeOrigin + performance.now();

const receipts = new Map<string, Float64Array>();
let positionBatches = 0;
let alarms = 0;
/** Packets the consoles received, by event name: what one alert costs each console in writes. */
let packets: Record<string, number> = {};
let disconnects = 0;
let eventChars = 0;
let windowStart = wallNow();

function record(id: string, consoleIndex: number): void {
  let times = receipts.get(id);
  if (!times) {
    times = new Float64Array(count).fill(Number.NaN);
    receipts.set(id, times);
  }
  if (Number.isNaN(times[consoleIndex])) times[consoleIndex] = wallNow();
}

const BaselineMessage = z.object({ id: z.string() });
const closers: Array<() => void> = [];

function connectSocketIo(i: number): Promise<boolean> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    forceNew: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    timeout: 30_000,
  });
  closers.push(() => socket.close());
  socket.onAny((name: string, payload?: { topic?: unknown }) => {
    // Stream events by topic, so a reader sees which writes one alert causes.
    const key =
      name === 'stream:v1:event' && typeof payload?.topic === 'string' ? `${name} ${payload.topic}` : name;
    packets[key] = (packets[key] ?? 0) + 1;
  });
  socket.on('stream:v1:event', (event) => {
    if (event.topic !== 'incident' || event.data.version !== 1) return;
    record(event.data.id, i);
    if (!eventChars) eventChars = JSON.stringify(event).length;
  });
  // Confirmed as the console confirms them: the server sends no more to a console that lags.
  const positions = createPositionsReporter((report) => socket.emit('console:v1:positions', report));
  closers.push(() => positions.stop());
  socket.on('units:v1:positions', (batch) => {
    positionBatches++;
    positions.applied(batch.n);
  });
  const reporter = createAlarmReporter((report) => socket.emit('console:v1:applied', report));
  closers.push(() => reporter.stop());
  onDistressAlarm(socket, (alarm) => {
    alarms++;
    reporter.sounded(alarm.seq);
  });
  socket.on('disconnect', () => {
    disconnects++;
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

function connectWs(i: number): Promise<boolean> {
  const ws = new WebSocket(url);
  closers.push(() => ws.close());
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    const parsed = BaselineMessage.safeParse(JSON.parse(text));
    if (!parsed.success) return;
    record(parsed.data.id, i);
    if (!eventChars) eventChars = text.length;
  });
  ws.on('close', () => {
    disconnects++;
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('error', () => resolve(false));
  });
}

async function connectAll(): Promise<void> {
  const started = performance.now();
  let connected = 0;
  for (let i = 0; i < count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - i) }, (_, k) =>
      mode === 'ws' ? connectWs(i + k) : connectSocketIo(i + k),
    );
    connected += (await Promise.all(batch)).filter(Boolean).length;
  }
  windowStart = wallNow();
  toParent({ type: 'ready', connected, failed: count - connected, ms: performance.now() - started });
}

function complete(ids: string[]): boolean {
  return ids.every((id) => {
    const times = receipts.get(id);
    return times !== undefined && !times.some(Number.isNaN);
  });
}

async function collect(ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!complete(ids) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const now = wallNow();
  toParent({
    type: 'results',
    receipts: Object.fromEntries(
      ids.map((id) => [
        id,
        Array.from(receipts.get(id) ?? new Float64Array(count).fill(Number.NaN), (t) =>
          Number.isNaN(t) ? null : t,
        ),
      ]),
    ),
    positionBatches,
    seconds: (now - windowStart) / 1000,
    alarms,
    eventChars,
    disconnects,
    packets,
  });
  positionBatches = 0;
  alarms = 0;
  packets = {};
  disconnects = 0;
  windowStart = now;
}

onParentMessage((message) => {
  if (message.type === 'collect') void collect(message.ids, message.timeoutMs);
  if (message.type === 'stop') {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('SIGTERM', () => process.exit(0));
void connectAll();
