import { ConsolesResponse, IntervalReport } from '@shared/api/supervisor';
import { request } from '../api/http';

/** The supervisor routes (server/supervisor), each answer checked by its shared schema. */
export const supervisorApi = {
  intervals: (range: { from: string; to: string }) =>
    request(
      'GET',
      `/api/v1/supervisor/intervals?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`,
      IntervalReport,
    ),
  consoles: () => request('GET', '/api/v1/supervisor/consoles', ConsolesResponse),
};
