import { urlFor } from '@shared/api/contract';
import { routes } from '@shared/api/routes';
import type { CaseStatus } from '@shared/domain/case';
import { call } from '../api/call';

/** The 维权案件 routes (server/cases) as the screens use them. */
export const casesApi = {
  list: (query: { status?: CaseStatus; overdue?: '1'; incidentId?: string } = {}) =>
    call(routes.cases.list, { query }),
  get: (id: string) => call(routes.cases.get, { params: { id } }),
  /** Deadlines only, no content: the supervisor's overdue view. */
  deadlines: () => call(routes.committee.deadlines, {}),
  answerUrl: (id: string) => urlFor(routes.cases.answerDocument, { id }),
  feedbackUrl: (id: string) => urlFor(routes.cases.feedbackDocument, { id }),
};
