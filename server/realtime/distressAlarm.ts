import type { AlarmReason } from '@shared/domain/incident';
import type { AlarmReceipt } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { logger } from '../observability/logger';
import { metricsRegistry } from '../observability/metrics';
import { ROOM_CONSOLES } from './rooms';
import type { ShieldlineServer } from './socketTypes';

const unconfirmed = new Counter({
  name: 'shieldline_distress_alarm_unconfirmed_total',
  help: 'Consoles that did not confirm a distress alarm within the deadline',
  registers: [metricsRegistry],
});

/** How long a console has to confirm it received a distress alarm before it counts as lagging. */
export const ALARM_CONFIRM_MS = 5000;
/** A console stays marked lagging this long unless it confirms a later alarm. */
const LAG_TTL_S = 3600;

export const laggingKey = (prefix: string) => `${prefix}:consoles:lagging`;

export interface LaggingConsole {
  socketId: string;
  userId: string;
  username: string;
  incidentId: string;
  since: string;
}

/**
 * Sounds the alarm on every dispatcher and supervisor console, across server processes, and
 * asks each to confirm delivery. Consoles that were connected but did not confirm in time are
 * written to Redis, where the supervisor view reads them as lagging.
 */
export function sendDistressAlarm(
  io: ShieldlineServer,
  redis: Redis,
  prefix: string,
  event: Extract<StreamEvent, { topic: 'incident' }>,
  reason: AlarmReason,
): void {
  // Who should answer: asked at the same moment, without delaying the alarm itself.
  const expected = io.in(ROOM_CONSOLES).fetchSockets();
  io.to(ROOM_CONSOLES)
    .timeout(ALARM_CONFIRM_MS)
    .emit(
      'alarm:v1:distress',
      { seq: event.seq, reason, incident: event.data },
      (err: Error | null, receipts: AlarmReceipt[]) => {
        void recordReceipts(redis, prefix, event.data.id, expected, err ? (receipts ?? []) : receipts).catch(
          (e: unknown) => logger.warn({ err: e }, 'could not record distress alarm receipts'),
        );
      },
    );
}

async function recordReceipts(
  redis: Redis,
  prefix: string,
  incidentId: string,
  expected: ReturnType<ShieldlineServer['fetchSockets']>,
  receipts: AlarmReceipt[],
): Promise<void> {
  const confirmed = new Set(receipts.map((r) => r.socketId));
  const sockets = await expected;
  const key = laggingKey(prefix);
  const pipeline = redis.multi();
  for (const socket of sockets) {
    if (confirmed.has(socket.id)) {
      pipeline.hdel(key, socket.id);
      continue;
    }
    const principal = socket.data.principal;
    if (principal?.kind !== 'user') continue;
    unconfirmed.inc();
    const lag: LaggingConsole = {
      socketId: socket.id,
      userId: principal.user.id,
      username: principal.user.username,
      incidentId,
      since: new Date().toISOString(),
    };
    pipeline.hset(key, socket.id, JSON.stringify(lag));
  }
  pipeline.expire(key, LAG_TTL_S);
  await pipeline.exec();
}
