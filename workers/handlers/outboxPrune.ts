import { logger } from '../../server/observability/logger';
import { pruneOutbox } from '../../server/outbox/outboxPruner';
import type { JobHandler } from '../startWorkers';

const DAY_MS = 24 * 3600 * 1000;

/** Nightly: published outbox rows older than OUTBOX_RETAIN_DAYS go (local policy). */
export const handleOutboxPrune: JobHandler<'outbox.prune'> = async (_data, ctx) => {
  const before = new Date(Date.now() - ctx.config.OUTBOX_RETAIN_DAYS * DAY_MS);
  const { removed, throughSeq } = await pruneOutbox(ctx.db, before);
  logger.info({ removed, throughSeq, before: before.toISOString() }, 'outbox pruned');
};
