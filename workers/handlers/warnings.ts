import { evaluateWarnings } from '../../server/warnings/evaluateWarnings';
import type { JobHandler } from '../startWorkers';

/** Evaluations look at everything, so one that started after a change was queued has seen it. */
const lastStartKey = (prefix: string) => `${prefix}:warnings:last-evaluation-start`;

/** `warnings.evaluate`: run the models (第三十五条 预警), then tell the consoles what changed. */
export const handleWarningsEvaluate: JobHandler<'warnings.evaluate'> = async ({ trigger }, ctx, job) => {
  const key = lastStartKey(ctx.config.REDIS_PREFIX);
  const last = Number((await ctx.redis.get(key)) ?? 0);
  // A burst of changes queues a burst of jobs; all but the first are already answered.
  if (trigger !== 'schedule' && last > job.timestamp) return;
  await ctx.redis.set(key, String(Date.now()), 'EX', 24 * 3600);
  const changes = await evaluateWarnings(ctx.db);
  if (changes.length) await ctx.notifyWarnings?.(changes);
};
