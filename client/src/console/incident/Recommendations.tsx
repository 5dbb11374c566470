import type { Recommendation } from '@shared/api/dispatch';
import type { Incident } from '@shared/domain/incident';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitStatusDot } from '../../common/badges';
import { useStore } from '../../common/store';
import { splitDistance, splitEta } from '../../format';
import { actions } from '../consoleStore';
import { type DetailState, detailActions, detailStore } from '../detailStore';

const selectDetail = (s: DetailState) => s;

export function formatDistance(metres: number, t: ReturnType<typeof useTranslation>['t']): string {
  const d = splitDistance(metres);
  return d.unit === 'm' ? t('recommend.metres', { value: d.value }) : t('recommend.km', { value: d.value });
}

export function formatEta(seconds: number, t: ReturnType<typeof useTranslation>['t']): string {
  const e = splitEta(seconds);
  return e.unit === 's'
    ? t('recommend.etaSeconds', { value: e.value })
    : t('recommend.etaMinutes', { value: e.value });
}

export function Recommendations({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const detail = useStore(detailStore, selectDetail);
  const [busy, setBusy] = useState(false);
  const recs = detail.recommendations;
  const list: readonly Recommendation[] = recs.incidentId === incident.id ? (recs.data ?? []) : [];
  const chosen = list.filter((r) => detail.chosen.has(r.unitId));

  async function dispatch() {
    if (chosen.length === 0 || busy) return;
    setBusy(true);
    await actions.dispatch(
      incident,
      chosen.map((r) => r.unitId),
    );
    setBusy(false);
  }

  return (
    <section className="sub" aria-labelledby="rec-title" aria-busy={recs.status === 'loading'}>
      <div className="sub-head">
        <h3 id="rec-title" className="sub-title">
          {t('recommend.title')}
        </h3>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => void detailActions.loadRecommendations(incident.id, incident.priority)}
        >
          {t('recommend.refresh')}
        </button>
      </div>
      {recs.status === 'loading' && list.length === 0 && <p className="muted">{t('recommend.loading')}</p>}
      {recs.status === 'error' && (
        <p className="state-error-inline" role="alert">
          {t('recommend.error')}: {recs.error}
        </p>
      )}
      {recs.status === 'ready' && list.length === 0 && <p className="muted">{t('recommend.empty')}</p>}
      {list.length > 0 && (
        <ul className="rows rec-list" data-testid="recommended-units">
          {list.map((r) => (
            <li
              key={r.unitId}
              className={`row rec ${detail.chosen.has(r.unitId) ? 'is-chosen' : ''}`}
              data-testid="recommended-unit"
              data-unit-id={r.unitId}
            >
              <label className="rec-label">
                <input
                  type="checkbox"
                  checked={detail.chosen.has(r.unitId)}
                  onChange={() => detailActions.toggleChoice(r.unitId)}
                  aria-label={t('recommend.choose', { callSign: r.callSign })}
                />
                <UnitStatusDot status={r.status} />
                <span className="callsign">{r.callSign}</span>
                <span className="muted">{t(`unitKind.${r.kind}`)}</span>
                <span className="rec-status">{t(`unitStatus.${r.status}`)}</span>
                <span className="rec-metric">
                  <span className="visually-hidden">{t('recommend.distance')} </span>
                  {formatDistance(r.distanceM, t)}
                </span>
                <span className="rec-metric rec-eta">
                  <span className="visually-hidden">{t('recommend.eta')} </span>
                  {formatEta(r.etaS, t)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn btn-primary btn-lg btn-block"
        onClick={() => void dispatch()}
        disabled={chosen.length === 0 || busy}
        data-testid="dispatch-button"
      >
        {busy ? t('recommend.dispatching') : t('recommend.dispatchCount', { count: chosen.length })}
      </button>
    </section>
  );
}
