import './clearing.css';
import { chinaDate } from '@shared/domain/caseDeadline';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { usePoll } from '../supervisor/usePoll';
import { CarryOverForm } from './CarryOverForm';
import { clearingApi, lastPeriods } from './clearingApi';
import { PeriodPanel } from './PeriodPanel';

function hours(seconds: number): string {
  return `${Math.floor(seconds / 3600)} h`;
}

/**
 * 清零 (日清零、月清结、季清查, seed 001): today's open incidents and tasks still without a reason,
 * each with its carry-over form; the items left hanging; last month's and quarter's reports.
 */
export function ClearingView() {
  const { t, i18n } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const daily = usePoll(() => clearingApi.daily(!showAll), 30_000, `daily-${showAll}`);
  const hanging = usePoll(() => clearingApi.hanging(), 60_000, 'hanging');
  const periods = lastPeriods(chinaDate());
  const d = daily.data;
  return (
    <div className="clr-view" data-testid="clearing-view">
      <section className="sup-panel clr-panel clr-daily" data-testid="clearing-daily">
        <div className="sup-head">
          <h2 className="sup-title">{t('clearing.dailyTitle')}</h2>
          {d && (
            <span className="muted">
              {d.day} ·{' '}
              {d.builtAt
                ? t('clearing.builtAt', { at: formatDateTime(d.builtAt, i18n.language) })
                : t('clearing.live', { cutoff: d.cutoff })}
            </span>
          )}
          {d && (
            <span
              className={`sup-overdue-pill ${d.pending ? '' : 'is-clear'}`}
              data-testid="clearing-pending"
            >
              {t('clearing.pending', { count: d.pending })}
            </span>
          )}
          <label className="clr-toggle">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            {t('clearing.showAll')}
          </label>
        </div>
        {daily.status === 'loading' && <p className="state-msg state-loading">{t('clearing.loading')}</p>}
        {daily.status === 'error' && (
          <p className="state-error-inline" role="alert">
            {t('clearing.loadError')}: {daily.error}
          </p>
        )}
        {d && d.items.length === 0 && <p className="muted">{t('clearing.allClear')}</p>}
        <ul className="clr-list">
          {(d?.items ?? []).map((i) => (
            <li
              key={`${i.itemKind}-${i.id}`}
              className={`clr-item ${i.closed || i.carryOver ? 'is-cleared' : 'is-pending'}`}
              data-testid="clearing-item"
              data-item-id={i.id}
            >
              <span className="mono">{i.reference}</span>
              <span>
                {t(`clearing.kind_${i.itemKind}`)} ·{' '}
                {i.itemKind === 'incident' ? t(`categoryShort.${i.label}`) : t(`department.${i.label}`)}
              </span>
              <span className="muted">{formatDateTime(i.openedAt, i18n.language)}</span>
              {i.earlierCarryOvers > 0 && (
                <span className="clr-bad">{t('clearing.earlier', { count: i.earlierCarryOvers })}</span>
              )}
              {i.closed ? (
                <span className="muted">{t('clearing.closed')}</span>
              ) : i.carryOver ? (
                <span>
                  {i.carryOver.reason} <span className="muted">— {i.carryOver.byName}</span>
                </span>
              ) : (
                <CarryOverForm item={i} onDone={daily.reload} />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="sup-panel clr-panel clr-hanging" data-testid="clearing-hanging">
        <div className="sup-head">
          <h2 className="sup-title">{t('clearing.hangingTitle')}</h2>
          {hanging.data && (
            <span className="muted">
              {t('clearing.hangingThreshold', { time: hours(hanging.data.thresholdSeconds) })}
            </span>
          )}
        </div>
        {hanging.status === 'loading' && <p className="state-msg state-loading">{t('clearing.loading')}</p>}
        {hanging.status === 'error' && (
          <p className="state-error-inline" role="alert">
            {t('clearing.loadError')}: {hanging.error}
          </p>
        )}
        {hanging.data && hanging.data.items.length === 0 && (
          <p className="muted">{t('clearing.noHanging')}</p>
        )}
        <ul className="clr-list">
          {(hanging.data?.items ?? []).map((h) => (
            <li key={`${h.itemKind}-${h.id}`} className="clr-item is-pending" data-testid="hanging-item">
              <span className="mono">{h.reference}</span>
              <span>{t(`clearing.hanging_${h.kind}`)}</span>
              <span className="muted">{h.itemKind === 'task' ? t(`department.${h.label}`) : h.status}</span>
              <span className="clr-bad">{t('clearing.idleFor', { time: hours(h.idleSeconds) })}</span>
            </li>
          ))}
        </ul>
      </section>
      <PeriodPanel kind="month" period={periods.month} />
      <PeriodPanel kind="quarter" period={periods.quarter} />
    </div>
  );
}
