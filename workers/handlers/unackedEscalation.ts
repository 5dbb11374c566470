import { climbUnackedLadder } from '../../server/alerts/unackedLadder';
import type { JobHandler } from '../startWorkers';

/** One step of the ladder for an alert nobody acknowledges (server/alerts/unackedLadder.ts). */
export const handleUnacked: JobHandler<'incident.unacked'> = ({ incidentId, step }, ctx) =>
  climbUnackedLadder(ctx, incidentId, step);
