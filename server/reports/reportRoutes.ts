import { routes } from '@shared/api/routes';
import { previousSpan, spanDays, spanOf } from '@shared/domain/reportPeriod';
import { WARNING_MODELS } from '@shared/domain/warning';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { chinaDate, chinaDayStart } from '../ledger/chinaTime';
import { assertReadsLedger } from '../ledger/ledgerAccess';
import { countFiringsByModel } from '../warnings/countFiringsByModel';
import { computeReport } from './reportCompute';
import { readReportData } from './reportData';

/**
 * Local policy, not the measures': an officer concerned twice within 90 days is listed as a
 * repeat victim (issue #13's warning model counts three; the report lists earlier), and the
 * guidance covers the three units most affected.
 */
export const REPORT_POLICY = { repeatWindowDays: 90, repeatThreshold: 2, guidanceUnits: 3 } as const;

export function registerReportRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.reports.period, async ({ principal, params, query }) => {
    assertReadsLedger(principal);
    const now = new Date();
    const today = chinaDate(now);
    const span = spanOf(params.period, query.start ?? today);
    const previous = previousSpan(params.period, span);
    const repeatWindowDays = Math.max(REPORT_POLICY.repeatWindowDays, spanDays(span));
    const windowStart = chinaDayStart(span.end).getTime() - repeatWindowDays * 86_400_000;
    const since = new Date(Math.min(chinaDayStart(previous.start).getTime(), windowStart));
    const data = await readReportData(ctx.db, since, span);
    const [fired, firedBefore] = await Promise.all(
      [span, previous].map((s) =>
        // A span's end is the first day after it.
        countFiringsByModel(ctx.db, { from: chinaDayStart(s.start), to: chinaDayStart(s.end) }),
      ),
    );
    const warningFirings = WARNING_MODELS.map((model) => ({
      model,
      count: fired?.[model] ?? 0,
      previous: firedBefore?.[model] ?? 0,
    }));
    const report = computeReport({
      period: params.period,
      span,
      previousSpan: previous,
      today,
      now,
      ...data,
      targets: {
        acknowledged: ctx.config.TARGET_ACK_S,
        firstEnRoute: ctx.config.TARGET_EN_ROUTE_S,
        firstOnScene: ctx.config.TARGET_ON_SCENE_S,
        controlled: ctx.config.TARGET_CONTROLLED_S,
      },
      policy: { ...REPORT_POLICY, repeatWindowDays },
    });
    return { ...report, warningFirings };
  });
}
