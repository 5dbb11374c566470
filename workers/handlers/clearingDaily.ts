import { dayBeingCleared } from '../../server/clearing/clearingCalendar';
import { buildDailyClearing } from '../../server/clearing/dailyClearing';
import type { JobHandler } from '../startWorkers';

/** 日清零: the scheduler fires at CLEARING_DAILY_AT (Asia/Shanghai); the day's open items go on its list. */
export const handleClearingDaily: JobHandler<'clearing.daily'> = async ({ day }, ctx) => {
  await buildDailyClearing(ctx.db, day ?? dayBeingCleared(new Date(), ctx.config.CLEARING_DAILY_AT));
};
