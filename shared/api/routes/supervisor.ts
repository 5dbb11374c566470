import { defineContract } from '../contract';
import { ConsolesResponse, IntervalQuery, IntervalReport } from '../supervisor';

export const supervisorRoutes = {
  consoles: defineContract({
    method: 'get',
    path: '/api/v1/supervisor/consoles',
    summary: 'Connected dispatcher and supervisor consoles, and those that did not confirm a distress alarm',
    tags: ['supervisor'],
    permission: 'consoles:monitor',
    response: ConsolesResponse,
  }),
  intervals: defineContract({
    method: 'get',
    path: '/api/v1/supervisor/intervals',
    summary:
      "Each incident's intervals (raised → acknowledged → first en route → first on scene → controlled) against the centre's targets, overall and per dispatcher",
    tags: ['supervisor'],
    permission: 'consoles:monitor',
    query: IntervalQuery,
    response: IntervalReport,
  }),
};
