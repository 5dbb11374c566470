import { alertRoutes } from './alerts';
import { deliveryProblemRoutes } from './deliveryProblems';
import { linkageFactsRoutes } from './linkageFacts';
import { organisationRoutes } from './organisation';

/**
 * The whole HTTP contract, one entry per route, grouped by capability. The server implements
 * each entry with defineRoute, the client calls it with `call`, the tests and the fuzzer walk it.
 */
export const routes = {
  alerts: alertRoutes,
  deliveryProblems: deliveryProblemRoutes,
  linkageFacts: linkageFactsRoutes,
  organisation: organisationRoutes,
};
