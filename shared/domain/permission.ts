import { z } from 'zod';

/**
 * Every route and socket event names one of these. Which role holds which is decided on the
 * server (server/auth/permissions.ts); the names live here so the shared route table can say
 * what each route needs and the client can tell what its user may try.
 */
export const PERMISSIONS = [
  'stream:read',
  'alerts:create',
  'incidents:read_all',
  'incidents:read_own',
  'incidents:acknowledge',
  'incidents:dispatch',
  'incidents:close',
  'incidents:note',
  'units:read',
  'units:report_position',
  'assignments:respond',
  'tasks:read_all',
  'tasks:work',
  'personal_data:read',
  'evidence:read_web',
  'consoles:monitor',
  'audit:read',
  'users:manage',
  'rules:manage',
  'queues:admin',
  /** File a rights-protection application with 维权办 (第十二条): people, not device keys. */
  'applications:file',
  /** Correct a task's 第二十一条 handling suggestion (dispatchers; the case units, checked per task). */
  'handling:correct',
  'cases:read',
  'cases:apply',
  'cases:manage',
  'calendar:manage',
  /** 第三十五条: read the ledger, export it, and read its periodic analysis. */
  'ledger:read',
  /** Early warnings (第三十五条): read them, take them up and resolve them, set their thresholds. */
  'warnings:read',
  'warnings:handle',
  'warnings:configure',
  /** Add checkpoints a case must pass before closing (administrators). */
  'checkpoints:manage',
  /** 日清零、月清结、季清查: read the clearing lists and the hanging items. */
  'clearing:read',
  /** Give the reason an open incident or task is carried over to the next day. */
  'clearing:carry_over',
  /** Sign off the monthly closing and the quarterly check. */
  'clearing:sign_off',
  /** Case deadlines without the case's content: the supervisor's overdue view (no personal data). */
  'cases:deadlines',
  /** Mark a case for supervision, 督办 (第七条 the committee; 第十九条 督察 follows up). */
  'cases:supervise',
  /** Decide 维权办's request to extend the feedback time; only the director's decision counts (第十六条). */
  'cases:decide_extension',
  /** The committee's inbox: cases put before it (第七条). */
  'committee:read',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;
