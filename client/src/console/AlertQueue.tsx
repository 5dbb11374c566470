import type { Incident } from '@shared/domain/incident';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge, PriorityBadge, StatusBadge } from '../common/badges';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import { formatDuration, since } from '../format';
import type { ConsoleState } from './consoleState';
import { consoleStore, retrySnapshot } from './consoleStore';
import { countUnacknowledged, isAlarming, selectQueue } from './selectors';
import { selectIncident, type UiState, uiStore } from './uiStore';

const selectLoadInfo = (s: ConsoleState) => (s.loaded ? 'ready' : s.loadError ? 'error' : 'loading');
const selectLoadError = (s: ConsoleState) => s.loadError;
const selectSelected = (s: UiState) => s.selectedIncidentId;
const selectCursor = (s: UiState) => s.cursorId;

export const alertItemId = (incidentId: string) => `alert-${incidentId}`;

/** J/K move the cursor and the focus together, so Enter (a native button press) selects. */
export function focusAlertItem(incidentId: string | null): void {
  if (!incidentId) return;
  document.getElementById(alertItemId(incidentId))?.querySelector('button')?.focus();
}

const AlertItem = memo(function AlertItem({
  incident,
  selected,
  cursor,
  now,
}: {
  incident: Incident;
  selected: boolean;
  cursor: boolean;
  now: number;
}) {
  const { t } = useTranslation();
  const raised = since(incident.intervals.raisedAt, now);
  const acked = since(incident.intervals.acknowledgedAt, now);
  const alarming = isAlarming(incident);
  return (
    <li
      id={alertItemId(incident.id)}
      className={[
        'alert-item',
        `prio-${incident.priority}`,
        selected ? 'is-selected' : '',
        cursor ? 'is-cursor' : '',
        alarming ? 'is-alarming' : '',
        incident.status === 'new' ? 'is-new' : '',
      ].join(' ')}
      data-testid="alert-item"
      data-incident-id={incident.id}
      data-status={incident.status}
      data-priority={incident.priority}
    >
      <button
        type="button"
        className="alert-btn"
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectIncident(incident.id)}
      >
        <span className="alert-row">
          <PriorityBadge priority={incident.priority} />
          <CategoryBadge category={incident.category} />
          <StatusBadge status={incident.status} />
          {selected && <span className="visually-hidden">{t('queue.selected')}</span>}
        </span>
        <span className="alert-address">{incident.address ?? t('incident.noAddress')}</span>
        <span className="alert-row alert-meta">
          <span className="alert-ref">{incident.reference}</span>
          <span className="alert-timers">
            <span className="timer">
              <span className="timer-label">{t('queue.sinceRaised')}</span>
              <span className="timer-value">{raised === null ? '—' : formatDuration(raised)}</span>
            </span>
            {acked === null ? (
              incident.status === 'new' && (
                <span className="timer timer-unacked">{t('queue.unacknowledged')}</span>
              )
            ) : (
              <span className="timer">
                <span className="timer-label">{t('queue.sinceAck')}</span>
                <span className="timer-value">{formatDuration(acked)}</span>
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
});

export function AlertQueue() {
  const { t } = useTranslation();
  const queue = useStore(consoleStore, selectQueue);
  const load = useStore(consoleStore, selectLoadInfo);
  const loadError = useStore(consoleStore, selectLoadError);
  const selectedId = useStore(uiStore, selectSelected);
  const cursorId = useStore(uiStore, selectCursor);
  const now = useNow();
  const listRef = useRef<HTMLOListElement>(null);

  // Keep the cursor in view as J/K move it.
  useEffect(() => {
    if (!cursorId) return;
    document.getElementById(alertItemId(cursorId))?.scrollIntoView({ block: 'nearest' });
  }, [cursorId]);

  const unacked = countUnacknowledged(queue);

  return (
    <>
      <div className="panel-head">
        <h2 id="queue-title" className="panel-title">
          {t('queue.title')}
        </h2>
        {load === 'ready' && (
          <p className="panel-counts">
            <span data-testid="queue-count">{t('queue.count', { count: queue.length })}</span>
            {unacked > 0 && (
              <span className="count-unacked">{t('queue.unacknowledgedCount', { count: unacked })}</span>
            )}
          </p>
        )}
      </div>
      {load === 'loading' && <p className="state-msg state-loading">{t('queue.loading')}</p>}
      {load === 'error' && queue.length === 0 && (
        <div className="state-msg state-error" role="alert">
          <p>
            {t('queue.error')}
            {loadError ? `: ${loadError}` : ''}
          </p>
          <button type="button" className="btn" onClick={retrySnapshot}>
            {t('errors.retry')}
          </button>
        </div>
      )}
      {load === 'ready' && queue.length === 0 && (
        <div className="state-msg state-empty" data-testid="queue-empty">
          <p className="state-empty-title">{t('queue.empty')}</p>
          <p>{t('queue.emptyHint')}</p>
        </div>
      )}
      {queue.length > 0 && (
        <ol ref={listRef} className="alert-list" aria-label={t('queue.listLabel')} data-testid="alert-queue">
          {queue.map((incident) => (
            <AlertItem
              key={incident.id}
              incident={incident}
              selected={incident.id === selectedId}
              cursor={incident.id === cursorId}
              now={now}
            />
          ))}
        </ol>
      )}
    </>
  );
}
