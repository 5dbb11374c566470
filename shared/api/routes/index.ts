import { alertRoutes } from './alerts';
import { caseRoutes } from './cases';

/**
 * The whole HTTP contract, one entry per route, grouped by capability. The server implements
 * each entry with defineRoute, the client calls it with `call`, the tests and the fuzzer walk it.
 */
export const routes = {
  alerts: alertRoutes,
  cases: caseRoutes,
};
