import { alertRoutes } from './alerts';
import { linkageFactsRoutes } from './linkageFacts';
import { organisationRoutes } from './organisation';

/**
 * The whole HTTP contract, one entry per route, grouped by capability. The server implements
 * each entry with defineRoute, the client calls it with `call`, the tests and the fuzzer walk it.
 */
export const routes = {
  alerts: alertRoutes,
  linkageFacts: linkageFactsRoutes,
  organisation: organisationRoutes,
};
