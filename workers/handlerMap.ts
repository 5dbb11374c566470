import { handleCheckin } from './handlers/checkinTimer';
import { handleLinkage } from './handlers/linkage';
import { handleUnacked } from './handlers/unackedEscalation';
import type { HandlerMap } from './startWorkers';

/** Every job's handler; a job added to the catalogue without one here fails to compile. */
export const HANDLERS: HandlerMap = {
  'incident.linkage': handleLinkage,
  'incident.unacked': handleUnacked,
  'incident.checkin': handleCheckin,
};
