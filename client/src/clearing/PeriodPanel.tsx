import type { PeriodKind } from '@shared/domain/clearing';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { formatDateTime } from '../format';
import { usePoll } from '../supervisor/usePoll';
import { clearingApi } from './clearingApi';

/** 月清结 / 季清查: what stayed open and why, and the supervisor's sign-off. */
export function PeriodPanel({ kind, period }: { kind: PeriodKind; period: string }) {
  const { t, i18n } = useTranslation();
  const report = usePoll(() => clearingApi.period(kind, period), 60_000, `${kind}-${period}`);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const r = report.data;
  return (
    <section className="sup-panel clr-panel" data-testid={`clearing-${kind}`}>
      <div className="sup-head">
        <h2 className="sup-title">
          {t(kind === 'month' ? 'clearing.monthTitle' : 'clearing.quarterTitle')} · {period}
        </h2>
        {r && (
          <span className="muted">
            {r.from} – {r.to}
          </span>
        )}
      </div>
      {report.status === 'loading' && <p className="state-msg state-loading">{t('clearing.loading')}</p>}
      {report.status === 'error' && (
        <p className="state-error-inline" role="alert">
          {t('clearing.loadError')}: {report.error}
        </p>
      )}
      {r && (
        <>
          <p className="clr-summary">
            {t('clearing.stayedOpen', { count: r.items.length })} ·{' '}
            <span className={r.withoutReason ? 'clr-bad' : ''}>
              {t('clearing.withoutReason', { count: r.withoutReason })}
            </span>
          </p>
          <ul className="clr-list">
            {r.items.map((i) => (
              <li key={`${i.itemKind}-${i.id}`} className="clr-item">
                <span className="mono">{i.reference}</span>
                <span>{t(`clearing.kind_${i.itemKind}`)}</span>
                <span className="muted">{i.status}</span>
                <span className={i.lastReason ? '' : 'clr-bad'}>
                  {i.lastReason ? `${i.lastReasonDay}: ${i.lastReason}` : t('clearing.noReason')}
                </span>
              </li>
            ))}
          </ul>
          {r.signOff ? (
            <p className="clr-signed" data-testid="clearing-signed">
              {t('clearing.signedBy', {
                name: r.signOff.byName,
                at: formatDateTime(r.signOff.at, i18n.language),
              })}
              : {r.signOff.note}
            </p>
          ) : r.due ? (
            <form
              className="clr-carry clr-sign"
              onSubmit={(e) => {
                e.preventDefault();
                setError(null);
                clearingApi
                  .signOff(kind, period, note)
                  .then(() => report.reload())
                  .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
              }}
            >
              <input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('clearing.signNote')}
                aria-label={t('clearing.signNote')}
                required
              />
              <button type="submit" className="btn btn-small" data-testid={`sign-off-${kind}`}>
                {t('clearing.signOff')}
              </button>
              {error && <span className="state-error-inline">{error}</span>}
            </form>
          ) : (
            <p className="muted">{t('clearing.notDue', { to: r.to })}</p>
          )}
        </>
      )}
    </section>
  );
}
