import { routes } from '@shared/api/routes';
import { INTERVAL_NAMES, type IntervalName, type IntervalStats } from '@shared/api/supervisor';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { formatClock, formatDuration } from '../format';
import { ScrollRegion } from './ScrollRegion';
import { intervalVerdict, PERIODS, type Period, periodRange } from './supervisorSelectors';
import { usePoll } from './usePoll';

/** The report is a database scan: once a minute is plenty. */
const REFRESH_MS = 60_000;

function seconds(s: number | null): string {
  return s === null ? '—' : formatDuration(s * 1000);
}

function StatsCell({ stats, name }: { stats: IntervalStats; name: IntervalName }) {
  const { t } = useTranslation();
  const verdict = intervalVerdict(stats);
  return (
    <td
      className={`sup-iv sup-iv-${verdict}`}
      data-testid="sup-interval"
      data-interval={name}
      data-verdict={verdict}
    >
      <span className="sup-iv-median mono">{seconds(stats.medianS)}</span>
      {verdict !== 'none' && (
        <span className="sup-iv-verdict">
          {verdict === 'over' ? t('supervisor.overTarget') : t('supervisor.withinTarget')}
        </span>
      )}
      <span className="sup-iv-more muted">
        {t('supervisor.p90', { time: seconds(stats.p90S) })}
        {stats.withinTarget !== null &&
          ` · ${t('supervisor.withinShare', { percent: Math.round(stats.withinTarget * 100) })}`}
      </span>
    </td>
  );
}

/**
 * Each incident's intervals (raised → acknowledged → first en route → first on scene →
 * controlled), the median against the centre's target, for the whole centre and per dispatcher.
 */
export function IntervalsPanel() {
  const { t, i18n } = useTranslation();
  const [period, setPeriod] = useState<Period>('24h');
  const load = useCallback(
    () => call(routes.supervisor.intervals, { query: periodRange(period, Date.now()) }),
    [period],
  );
  const report = usePoll(load, REFRESH_MS, period);
  const data = report.data;
  const overall = data?.overall;

  return (
    <section
      className="sup-panel sup-intervals"
      aria-labelledby="sup-iv-title"
      aria-busy={report.status === 'loading'}
    >
      <div className="sup-head">
        <h2 id="sup-iv-title" className="sup-title">
          {t('supervisor.intervalsTitle')}
        </h2>
        <fieldset className="sup-periods">
          <legend className="visually-hidden">{t('supervisor.period')}</legend>
          {PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              className={`btn btn-small sup-period ${p === period ? 'is-on' : ''}`}
              aria-pressed={p === period}
              onClick={() => setPeriod(p)}
              data-testid="sup-period"
              data-period={p}
            >
              {t(`supervisor.period_${p}`)}
            </button>
          ))}
        </fieldset>
      </div>
      {report.status === 'loading' && <p className="state-msg state-loading">{t('supervisor.loading')}</p>}
      {report.status === 'error' && (
        <div className="state-error-inline sup-error" role="alert">
          {t('supervisor.intervalsError')}: {report.error}{' '}
          <button type="button" className="btn btn-small" onClick={report.reload}>
            {t('errors.retry')}
          </button>
          {data && <span className="muted"> · {t('supervisor.showingLastGood')}</span>}
        </div>
      )}
      {data && overall && data.incidents === 0 && (
        <div className="state-msg state-empty" data-testid="sup-intervals-empty">
          <p className="state-empty-title">{t('supervisor.intervalsEmpty')}</p>
        </div>
      )}
      {data && overall && data.incidents > 0 && (
        <ScrollRegion labelledBy="sup-iv-title">
          <table className="sup-table sup-iv-table" data-testid="sup-intervals">
            <caption className="visually-hidden">
              {t('supervisor.intervalsCaption', { period: t(`supervisor.period_${period}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.colDispatcher')}</th>
                <th scope="col" className="num">
                  {t('supervisor.colIncidents')}
                </th>
                {INTERVAL_NAMES.map((name) => (
                  <th key={name} scope="col">
                    <span className="sup-iv-name">{t(`supervisor.interval_${name}`)}</span>
                    <span className="sup-iv-target mono">
                      {t('supervisor.target', { time: seconds(overall[name].targetS) })}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="sup-iv-overall" data-testid="sup-interval-row" data-user="overall">
                <th scope="row">{t('supervisor.overall')}</th>
                <td className="num mono">{data.incidents}</td>
                {INTERVAL_NAMES.map((name) => (
                  <StatsCell key={name} stats={overall[name]} name={name} />
                ))}
              </tr>
              {data.byDispatcher.map((d) => (
                <tr key={d.userId} data-testid="sup-interval-row" data-user={d.username}>
                  <th scope="row">
                    {d.displayName} <span className="muted">{d.username}</span>
                  </th>
                  <td className="num mono">{d.incidents}</td>
                  {INTERVAL_NAMES.map((name) => (
                    <StatsCell key={name} stats={d.intervals[name]} name={name} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sup-foot muted">
            {t('supervisor.intervalsFoot')}
            {report.at !== null &&
              ` · ${t('supervisor.updatedAt', { time: formatClock(report.at, i18n.language) })}`}
          </p>
        </ScrollRegion>
      )}
    </section>
  );
}
