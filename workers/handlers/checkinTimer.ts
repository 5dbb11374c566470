import { checkinFellDue } from '../../server/dispatch/checkinTimer';
import type { JobHandler } from '../startWorkers';

/** A safety check-in fell due (server/dispatch/checkinTimer.ts decides what that means). */
export const handleCheckin: JobHandler<'incident.checkin'> = ({ incidentId, dueAt }, ctx) =>
  checkinFellDue(ctx.db, incidentId, dueAt, ctx.config.CHECKIN_INTERVAL_S);
