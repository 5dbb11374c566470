import { defineContract } from '../contract';
import { LedgerExportQuery, LedgerPage, LedgerQuery } from '../ledger';

const tags = ['ledger'] as const;

export const ledgerRoutes = {
  list: defineContract({
    method: 'get',
    path: '/api/v1/ledger',
    summary:
      'The register of every incident and rights-protection case (第三十五条 台账), newest first, paged, filtered by time, category, unit and officer concerned, department, state, outcome and channel. Supervisors, 维权办 and admins.',
    tags,
    permission: 'ledger:read',
    query: LedgerQuery,
    response: LedgerPage,
  }),
  export: defineContract({
    method: 'get',
    path: '/api/v1/ledger/export',
    summary:
      'The ledger with the same filters as a file: CSV (UTF-8 with BOM) or XLSX, Chinese column headers, personal data masked. Every export is audited with its filters and row count.',
    tags,
    permission: 'ledger:read',
    query: LedgerExportQuery,
  }),
};
