import { routes } from '@shared/api/routes';
import type { CaseStatus } from '@shared/domain/case';
import { call } from '../api/call';

/** The 维权案件 routes (server/cases) as the screens use them. */
export const casesApi = {
  list: (query: { status?: CaseStatus; overdue?: '1'; incidentId?: string } = {}) =>
    call(routes.cases.list, { query }),
  get: (id: string) => call(routes.cases.get, { params: { id } }),
  answerUrl: (id: string) => `/api/v1/cases/${encodeURIComponent(id)}/answer`,
  feedbackUrl: (id: string) => `/api/v1/cases/${encodeURIComponent(id)}/feedback-letter`,
};
