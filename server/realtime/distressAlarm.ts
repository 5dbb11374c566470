import type { AlarmReason } from '@shared/domain/incident';
import type { StreamEvent } from '@shared/events/streamEvent';
import { Counter } from 'prom-client';
import { logger } from '../observability/logger';
import { metricsRegistry } from '../observability/metrics';
import { ROOM_CONSOLES } from './rooms';
import type { ShieldlineServer } from './socketTypes';

const unconfirmed = new Counter({
  name: 'shieldline_distress_alarm_unconfirmed_total',
  help: 'Distress alarms that some console did not confirm within the deadline',
  registers: [metricsRegistry],
});

/** How long a console has to confirm it received a distress alarm before it counts as lagging. */
export const ALARM_CONFIRM_MS = 5000;

/**
 * Sounds the alarm on every dispatcher and supervisor console, across server processes, and
 * asks each to confirm delivery; a console that does not is reported as lagging.
 */
export function sendDistressAlarm(
  io: ShieldlineServer,
  event: Extract<StreamEvent, { topic: 'incident' }>,
  reason: AlarmReason,
): void {
  io.to(ROOM_CONSOLES)
    .timeout(ALARM_CONFIRM_MS)
    .emit('alarm:v1:distress', { seq: event.seq, reason, incident: event.data }, (err: Error | null) => {
      if (err) {
        unconfirmed.inc();
        logger.warn({ incidentId: event.data.id }, 'a console did not confirm a distress alarm in time');
      }
    });
}
