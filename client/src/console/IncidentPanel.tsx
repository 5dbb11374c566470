import type { Incident } from '@shared/domain/incident';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge, PriorityBadge, StatusBadge } from '../common/badges';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import { formatDuration, since } from '../format';
import type { ConsoleState } from './consoleState';
import { actions, consoleStore } from './consoleStore';
import { type DetailState, detailActions } from './detailStore';
import { Assignments } from './incident/Assignments';
import { CheckinBox } from './incident/CheckinBox';
import { Details } from './incident/IncidentFacts';
import { NoteBox } from './incident/NoteBox';
import { Recommendations } from './incident/Recommendations';
import { Tasks } from './incident/Tasks';
import { Timeline } from './incident/Timeline';
import { selectIncidentViews } from './selectors';
import { openDialog, requestNoteFocus, type UiState, uiStore } from './uiStore';

const selectSelectedId = (s: UiState) => s.selectedIncidentId;
const _selectNoteFocus = (s: UiState) => s.noteFocusRequest;
const _selectUnits = (s: ConsoleState) => s.units;
const selectLoaded = (s: ConsoleState) => s.loaded;
const _selectDetail = (s: DetailState) => s;

function useSelectedIncident(): Incident | null {
  const selectedId = useStore(uiStore, selectSelectedId);
  const select = useCallback(
    (s: ConsoleState) => (selectedId ? (selectIncidentViews(s).get(selectedId) ?? null) : null),
    [selectedId],
  );
  return useStore(consoleStore, select);
}

export function isTerminal(incident: Incident): boolean {
  return TERMINAL_STATUSES.has(incident.status);
}

export function IncidentPanel() {
  const { t } = useTranslation();
  const selectedId = useStore(uiStore, selectSelectedId);
  const incident = useSelectedIncident();
  const loaded = useStore(consoleStore, selectLoaded);
  const shownId = incident?.id ?? null;
  const shownPriority = incident?.priority ?? 4;

  useEffect(() => {
    detailActions.show(shownId, shownPriority);
  }, [shownId, shownPriority]);

  return (
    <>
      <div className="panel-head">
        <h2 id="incident-title" className="panel-title">
          {t('incident.panelTitle')}
        </h2>
      </div>
      {!selectedId && (
        <div className="state-msg state-empty">
          <p className="state-empty-title">{t('incident.none')}</p>
          <p>{t('incident.noneHint')}</p>
        </div>
      )}
      {selectedId && !incident && (
        <p className="state-msg">{loaded ? t('incident.notFound') : t('app.loading')}</p>
      )}
      {incident && <IncidentDetail incident={incident} />}
    </>
  );
}

function IncidentDetail({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const now = useNow();
  const pending = useStore(
    consoleStore,
    useCallback((s: ConsoleState) => s.pending.has(incident.id), [incident.id]),
  );
  const terminal = isTerminal(incident);
  const raised = since(incident.intervals.raisedAt, now);
  const acked = since(incident.intervals.acknowledgedAt, now);

  return (
    <div
      className="incident-body"
      data-testid="incident-panel"
      data-incident-id={incident.id}
      data-status={incident.status}
    >
      <div className="incident-headline">
        <div className="incident-badges">
          <PriorityBadge priority={incident.priority} />
          <StatusBadge status={incident.status} />
          <span className="incident-ref">{incident.reference}</span>
        </div>
        <h3 className="incident-category">
          <CategoryBadge category={incident.category} long />
        </h3>
        <div className="incident-timers">
          <span className="timer timer-big">
            <span className="timer-label">{t('incident.sinceRaised')}</span>
            <span className="timer-value">{raised === null ? '—' : formatDuration(raised)}</span>
          </span>
          <span
            className={`timer timer-big ${acked === null && incident.status === 'new' ? 'timer-unacked' : ''}`}
          >
            <span className="timer-label">{t('incident.sinceAck')}</span>
            <span className="timer-value">
              {acked === null ? t('incident.notAcknowledged') : formatDuration(acked)}
            </span>
          </span>
        </div>
        {pending && <p className="pending-note">{t('incident.pending')}</p>}
        {incident.status === 'new' && incident.unackedStep && (
          <p className="escalation-note">{t(`unackedStep.${incident.unackedStep}`)}</p>
        )}
      </div>

      {incident.checkInDueAt && !terminal && <CheckinBox incident={incident} now={now} />}

      <div className="incident-actions">
        {incident.status === 'new' && (
          <button
            type="button"
            className="btn btn-danger btn-lg"
            onClick={() => void actions.acknowledge(incident)}
            disabled={pending}
            data-testid="acknowledge-button"
          >
            {pending ? t('incident.acknowledging') : t('incident.acknowledgeKey')}
          </button>
        )}
        {!terminal && (
          <>
            <button type="button" className="btn" onClick={requestNoteFocus} data-testid="note-button">
              {t('incident.note')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => openDialog('close')}
              data-testid="close-button"
            >
              {t('incident.close')}
            </button>
          </>
        )}
        {terminal && <p className="state-msg">{t('incident.terminal')}</p>}
      </div>

      <Details incident={incident} />
      <Assignments incident={incident} />
      {!terminal && <Recommendations incident={incident} />}
      <Tasks incident={incident} now={now} />
      <Timeline incident={incident} />
      {!terminal && <NoteBox incident={incident} />}
    </div>
  );
}
