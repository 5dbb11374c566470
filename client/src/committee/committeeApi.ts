import { routes } from '@shared/api/routes';
import { call } from '../api/call';

/** The committee's routes (server/committee) as its view uses them. */
export const committeeApi = {
  inbox: () => call(routes.committee.inbox, {}),
  decide: (id: string, decision: 'approve' | 'refuse', note: string) =>
    call(routes.committee.decideExtension, {
      params: { id },
      body: decision === 'approve' ? { decision, ...(note ? { note } : {}) } : { decision, note },
    }),
  supervise: (id: string, note: string) =>
    call(routes.committee.supervise, { params: { id }, body: { note } }),
};
