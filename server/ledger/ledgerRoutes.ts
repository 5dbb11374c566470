import type { LedgerFilters } from '@shared/api/ledger';
import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { assertReadsLedger } from './ledgerAccess';
import { toCsv, toXlsx } from './ledgerExport';
import { describeFilters } from './ledgerFilterText';
import { countLedger, readLedger } from './ledgerQuery';

/** More than this in one file is not a ledger extract but a copy of the database: narrow the filters. */
export const LEDGER_EXPORT_MAX_ROWS = 20_000;

const FILTER_KEYS = [
  'from',
  'to',
  'kind',
  'category',
  'unitId',
  'officerId',
  'departmentId',
  'state',
  'outcome',
  'channel',
  'q',
] as const satisfies readonly (keyof LedgerFilters)[];

function filtersOf(query: LedgerFilters): LedgerFilters {
  const out: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) if (query[key] !== undefined) out[key] = query[key];
  return out as LedgerFilters;
}

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function registerLedgerRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.ledger.list, async ({ principal, query }) => {
    assertReadsLedger(principal);
    const filters = filtersOf(query);
    const [total, entries] = await Promise.all([
      countLedger(ctx.db, filters),
      readLedger(ctx.db, filters, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    ]);
    return { entries, total, page: query.page, pageSize: query.pageSize };
  });

  defineRoute(router, ctx.registry, routes.ledger.export, async ({ principal, query, req, res }) => {
    assertReadsLedger(principal);
    const filters = filtersOf(query);
    const total = await countLedger(ctx.db, filters);
    if (total > LEDGER_EXPORT_MAX_ROWS)
      throw errors.badRequest(
        `${total} rows match; an export holds at most ${LEDGER_EXPORT_MAX_ROWS}: narrow the filters`,
      );
    const entries = await readLedger(ctx.db, filters, { limit: LEDGER_EXPORT_MAX_ROWS, offset: 0 });
    const file =
      query.format === 'csv'
        ? toCsv(entries)
        : await toXlsx(entries, describeFilters(filters, entries.length));
    // Audited before the file leaves: a failed write means no file, never a file without a record.
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'ledger.export',
      target: 'ledger',
      outcome: 'success',
      requestId: req.id ?? null,
      details: { format: query.format, filters, rows: entries.length },
    });
    const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    res
      .status(200)
      .type(CONTENT_TYPE[query.format])
      .set('Content-Disposition', `attachment; filename="ledger-${stamp}.${query.format}"`)
      .set('Cache-Control', 'no-store')
      .send(file);
  });
}
