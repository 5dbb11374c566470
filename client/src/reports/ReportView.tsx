import './reports.css';
import { REPORT_PERIODS, type ReportPeriod } from '@shared/api/reports';
import { routes } from '@shared/api/routes';
import { nextSpan, previousSpan, spanOf } from '@shared/domain/reportPeriod';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { formatDateTime } from '../format';
import { usePoll } from '../supervisor/usePoll';
import { chinaToday } from './chinaToday';
import { REPORT_SECTIONS } from './ReportSections';
import { usePrintPalette } from './usePrintPalette';

/** A report is a scan of the period: re-read every five minutes while on screen. */
const REFRESH_MS = 300_000;

function usePeriodLabel(period: ReportPeriod, start: string): string {
  const { t } = useTranslation();
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  if (period === 'year') return t('reports.yearLabel', { year });
  if (period === 'quarter') return t('reports.quarterLabel', { year, q: Math.floor((month - 1) / 3) + 1 });
  return t('reports.monthLabel', { year, month });
}

/** The day before an exclusive end: what a reader calls the period's last day. */
function lastDay(end: string): string {
  return new Date(Date.parse(end) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * 第三十五条's periodic analysis (月点评、季分析、年总结): one period at a time, against the one
 * before, ready to print.
 */
export default function ReportView() {
  const { t, i18n } = useTranslation();
  const palette = usePrintPalette();
  const [period, setPeriod] = useState<ReportPeriod>('month');
  const [start, setStart] = useState(() => spanOf('month', chinaToday()).start);
  const span = useMemo(() => spanOf(period, start), [period, start]);
  const label = usePeriodLabel(period, span.start);
  const today = chinaToday();
  const load = useCallback(
    () => call(routes.reports.period, { params: { period }, query: { start: span.start } }),
    [period, span.start],
  );
  const report = usePoll(load, REFRESH_MS, `${period}|${span.start}`);
  const data = report.data;
  const empty = data !== null && data.totals.matters.count === 0 && data.totals.cases.count === 0;

  return (
    <div className="report-page" data-testid="report-view">
      <header className="report-toolbar">
        <div className="report-heading">
          <h2 className="report-title">
            {t('reports.title')} · {t(`reportPeriod.${period}`)} ·{' '}
            <span data-testid="report-period-label">{label}</span>
          </h2>
          <p className="report-span">
            {t('reports.spanLabel', { start: span.start, end: lastDay(span.end) })}
            {data &&
              ` · ${t('reports.generatedAt', { at: formatDateTime(data.generatedAt, i18n.language) })}`}
          </p>
        </div>
        <div className="report-controls no-print">
          <fieldset className="report-periods">
            <legend className="visually-hidden">{t('reports.period')}</legend>
            {REPORT_PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                className={`btn btn-small ${p === period ? 'is-on' : ''}`}
                aria-pressed={p === period}
                onClick={() => setPeriod(p)}
                data-testid={`report-period-${p}`}
              >
                {t(`reportPeriod.${p}`)}
              </button>
            ))}
          </fieldset>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setStart(previousSpan(period, span).start)}
            data-testid="report-prev"
          >
            ‹ {t('reports.prevPeriod')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setStart(nextSpan(period, span).start)}
            disabled={span.end > today}
            data-testid="report-next"
          >
            {t('reports.nextPeriod')} ›
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => window.print()}
            data-testid="report-print"
          >
            {t('reports.print')}
          </button>
        </div>
      </header>
      <p className="report-basis">{t('reports.basis')}</p>
      {report.status === 'loading' && <p className="state-msg state-loading">{t('reports.loading')}</p>}
      {report.status === 'error' && (
        <div className="state-error-inline report-error" role="alert">
          {t('reports.loadError')}: {report.error}{' '}
          <button type="button" className="btn btn-small" onClick={report.reload}>
            {t('reports.retry')}
          </button>
        </div>
      )}
      {empty && (
        <div className="state-msg state-empty" data-testid="report-empty">
          <p className="state-empty-title">{t('reports.empty')}</p>
          <p>{t('reports.emptyHint')}</p>
        </div>
      )}
      {data && !empty && (
        <div className="report-grid">
          {REPORT_SECTIONS.map(({ id, Component }) => (
            <Component key={id} report={data} palette={palette} />
          ))}
        </div>
      )}
    </div>
  );
}
