import { defineContract } from '../contract';
import { PeriodReport, ReportParams, ReportQuery } from '../reports';

export const reportRoutes = {
  period: defineContract({
    method: 'get',
    path: '/api/v1/reports/:period',
    summary:
      'The monthly, quarterly or yearly analysis of the ledger (第三十五条; 月点评、季分析、年总结): counts by category, unit, township and hour, trend against the previous period, response intervals against the centre’s targets (local policy), case deadlines met, offender handling, remedies, repeat victims, and safety guidance for the units most affected.',
    tags: ['reports'],
    permission: 'ledger:read',
    params: ReportParams,
    query: ReportQuery,
    response: PeriodReport,
  }),
};
