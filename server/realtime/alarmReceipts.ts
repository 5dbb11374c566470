import type { StreamEvent } from '@shared/events/streamEvent';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { errors } from '../http/errors';
import { logger } from '../observability/logger';
import { metricsRegistry } from '../observability/metrics';
import { ALARM_CONFIRM_MS, type LaggingConsole, laggingKey } from './distressAlarm';
import { ROOM_CONSOLES } from './rooms';
import { onClientEvent } from './socketHandler';
import type { ShieldlineSocket } from './socketTypes';

const unconfirmed = new Counter({
  name: 'shieldline_distress_alarm_unconfirmed_total',
  help: 'Consoles that did not confirm a distress alarm within the deadline',
  registers: [metricsRegistry],
});

/** A console stays marked lagging this long unless it confirms a later alarm. */
const LAG_TTL_S = 3600;

interface Recipient {
  userId: string;
  username: string;
}

interface SentAlarm {
  incidentId: string;
  /** This process's console sockets the alarm was written to. */
  recipients: Map<string, Recipient>;
  confirmed: Set<string>;
  timer: ReturnType<typeof setTimeout>;
}

export interface AlarmReceipts {
  /** Registers a connection: watches the alarms it is sent and takes its `console:v1:applied`. */
  register(socket: ShieldlineSocket): void;
  /** Clears the pending deadlines (shutdown); nothing more is written. */
  stop(): void;
}

/**
 * Distress receipts without a round trip per alarm and console. The alarm goes out once, without
 * an ack; consoles name the alarms they sounded in `console:v1:applied`, coalesced. Each server
 * process keeps what its own sockets were sent and confirmed, in memory, and `ALARM_CONFIRM_MS`
 * after an alarm reached them writes the outcome for those sockets to the lagging hash the
 * supervisor view reads. Nothing crosses processes but the alarm itself and that one write:
 * no fetchSockets, no acks relayed through Redis.
 *
 * Who was sent the alarm is seen on each socket's outgoing packets (an incident event with
 * `alarm`, emitToRooms.ts), where socket.io writes the broadcast that arrived through the
 * adapter, so every process learns of the alarm from the broadcast it already receives.
 */
export function createAlarmReceipts(
  redis: Redis,
  prefix: string,
  confirmMs = ALARM_CONFIRM_MS,
): AlarmReceipts {
  const pending = new Map<number, SentAlarm>();
  let stopped = false;

  function sent(socket: ShieldlineSocket, alarm: { seq: number; incidentId: string }): void {
    const principal = socket.data.principal;
    if (stopped || principal?.kind !== 'user') return;
    let entry = pending.get(alarm.seq);
    if (!entry) {
      const seq = alarm.seq;
      entry = {
        incidentId: alarm.incidentId,
        recipients: new Map(),
        confirmed: new Set(),
        timer: setTimeout(() => settle(seq), confirmMs),
      };
      pending.set(seq, entry);
    }
    entry.recipients.set(socket.id, { userId: principal.user.id, username: principal.user.username });
  }

  function confirm(socketId: string, seqs: number[]): number {
    let confirmed = 0;
    for (const seq of seqs) {
      const entry = pending.get(seq);
      // A seq this socket was not sent, or one past its deadline, proves nothing: ignored.
      if (!entry?.recipients.has(socketId)) continue;
      entry.confirmed.add(socketId);
      confirmed++;
    }
    return confirmed;
  }

  function settle(seq: number): void {
    const entry = pending.get(seq);
    pending.delete(seq);
    if (!entry || stopped) return;
    const key = laggingKey(prefix);
    const since = new Date().toISOString();
    const cleared: string[] = [];
    const lagging: string[] = [];
    for (const [socketId, who] of entry.recipients) {
      if (entry.confirmed.has(socketId)) {
        cleared.push(socketId);
        continue;
      }
      const lag: LaggingConsole = { socketId, ...who, incidentId: entry.incidentId, since };
      lagging.push(socketId, JSON.stringify(lag));
    }
    unconfirmed.inc(lagging.length / 2);
    const pipeline = redis.multi();
    if (cleared.length) pipeline.hdel(key, ...cleared);
    if (lagging.length) pipeline.hset(key, ...lagging);
    pipeline.expire(key, LAG_TTL_S);
    pipeline
      .exec()
      .catch((err: unknown) => logger.warn({ err, seq }, 'could not record distress alarm receipts'));
  }

  return {
    register(socket) {
      const isConsole = () => socket.data.rooms.includes(ROOM_CONSOLES);
      if (isConsole()) {
        socket.onAnyOutgoing((name: string, event: StreamEvent) => {
          if (name === 'stream:v1:event' && event.topic === 'incident' && event.alarm)
            sent(socket, { seq: event.seq, incidentId: event.data.id });
        });
      }
      onClientEvent(
        socket,
        'console:v1:applied',
        'stream:read',
        async ({ alarmSeqs }) => ({ confirmed: confirm(socket.id, alarmSeqs) }),
        () => {
          if (!isConsole()) throw errors.forbidden('only a dispatcher or supervisor console sounds alarms');
        },
      );
    },
    stop() {
      stopped = true;
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
    },
  };
}
