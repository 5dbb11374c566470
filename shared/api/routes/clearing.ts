import {
  CarryOver,
  CarryOverRequest,
  DailyClearing,
  DailyClearingQuery,
  HangingList,
  PeriodParams,
  PeriodReport,
  SignOffRequest,
} from '../../domain/clearing';
import { defineContract } from '../contract';

const tags = ['clearing'] as const;

/** 日清零、月清结、季清查 (seed 001) and the items left hanging. */
export const clearingRoutes = {
  daily: defineContract({
    method: 'get',
    path: '/api/v1/clearing/daily',
    summary:
      'The day’s clearing list (日清零): every incident and department task open when the day was cut (live until the end-of-day job builds it), each closed since, carried over with a reason, or pending.',
    tags,
    permission: 'clearing:read',
    query: DailyClearingQuery,
    response: DailyClearing,
  }),
  carryOver: defineContract({
    method: 'post',
    path: '/api/v1/clearing/carry-overs',
    summary: 'A person gives the reason an open incident or task is carried over to the next day (audited).',
    tags,
    permission: 'clearing:carry_over',
    body: CarryOverRequest,
    response: CarryOver,
    status: 201,
  }),
  hanging: defineContract({
    method: 'get',
    path: '/api/v1/clearing/hanging',
    summary:
      'Items left hanging: incidents acknowledged but never finished, controlled but never closed, tasks acknowledged and idle.',
    tags,
    permission: 'clearing:read',
    response: HangingList,
  }),
  period: defineContract({
    method: 'get',
    path: '/api/v1/clearing/periods/:kind/:period',
    summary:
      'The monthly closing (月清结, period YYYY-MM) or quarterly check (季清查, YYYY-Qn): what stayed open and why, and its sign-off.',
    tags,
    permission: 'clearing:read',
    params: PeriodParams,
    response: PeriodReport,
  }),
  signOff: defineContract({
    method: 'post',
    path: '/api/v1/clearing/periods/:kind/:period/sign-off',
    summary:
      'A supervisor signs off the monthly or quarterly report from its last day on, once (audited); the report is kept as signed.',
    tags,
    permission: 'clearing:sign_off',
    params: PeriodParams,
    body: SignOffRequest,
    response: PeriodReport,
    status: 201,
  }),
};
