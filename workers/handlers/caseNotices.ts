import { sendNotice } from '../../server/committee/caseNotices';
import { remindDeadline } from '../../server/committee/caseReminders';
import type { JobHandler } from '../startWorkers';

/** Cases before the committee and the requests for its director (第七条, 第十六条). */
export const handleCaseNotice: JobHandler<'case.notice'> = async ({ noticeId }, ctx) =>
  sendNotice(ctx, noticeId);

/** Deadline reminders (local policy: one working day before, server/committee/caseReminders.ts). */
export const handleCaseReminder: JobHandler<'case.reminder'> = async (data, ctx) => {
  await remindDeadline(ctx, data);
};
