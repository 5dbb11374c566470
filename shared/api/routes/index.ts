import { alertRoutes } from './alerts';
import { authRoutes } from './auth';
import { caseRoutes } from './cases';
import { clearingRoutes } from './clearing';
import { committeeRoutes } from './committee';
import { consoleRoutes } from './console';
import { deliveryProblemRoutes } from './deliveryProblems';
import { dispatchRoutes } from './dispatch';
import { evidenceRoutes } from './evidence';
import { incidentRoutes } from './incidents';
import { ledgerRoutes } from './ledger';
import { linkageRoutes } from './linkage';
import { linkageFactsRoutes } from './linkageFacts';
import { officerRoutes } from './officers';
import { operationsRoutes } from './operations';
import { organisationRoutes } from './organisation';
import { pushRoutes } from './push';
import { reportRoutes } from './reports';
import { supervisorRoutes } from './supervisor';
import { taskRoutes } from './tasks';
import { unitRoutes } from './units';
import { warningRoutes } from './warnings';

/**
 * The whole HTTP contract, one entry per route, grouped by capability. The server implements
 * each entry with defineRoute, the client calls it with `call`, the tests and the fuzzer walk it.
 */
export const routes = {
  alerts: alertRoutes,
  deliveryProblems: deliveryProblemRoutes,
  linkageFacts: linkageFactsRoutes,
  organisation: organisationRoutes,
  auth: authRoutes,
  console: consoleRoutes,
  incidents: incidentRoutes,
  dispatch: dispatchRoutes,
  tasks: taskRoutes,
  linkage: linkageRoutes,
  officers: officerRoutes,
  units: unitRoutes,
  push: pushRoutes,
  evidence: evidenceRoutes,
  supervisor: supervisorRoutes,
  operations: operationsRoutes,
  cases: caseRoutes,
  ledger: ledgerRoutes,
  reports: reportRoutes,
  warnings: warningRoutes,
  clearing: clearingRoutes,
  committee: committeeRoutes,
};

/**
 * Endpoints that are not JSON routes of the table: the resumable (tus) upload endpoint, and the
 * OpenAPI document generated from the table itself.
 */
export const paths = {
  tusUploads: '/api/v1/uploads/tus',
  openapi: '/api/openapi.json',
  apiDocs: '/api/docs',
} as const;
