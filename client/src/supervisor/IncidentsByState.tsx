import type { Incident } from '@shared/domain/incident';
import { useTranslation } from 'react-i18next';
import { CategoryBadge } from '../common/badges';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import type { ConsoleState } from '../console/consoleState';
import { consoleStore } from '../console/consoleStore';
import { selectIncidentViews } from '../console/selectors';
import { selectIncident } from '../console/uiStore';
import { formatDuration, since } from '../format';
import { ACTIVE_STATES, type ActiveState, groupIncidentsByState } from './supervisorSelectors';
import { setView } from './viewStore';

const selectGroups = (s: ConsoleState) => groupIncidentsByState(selectIncidentViews(s));
const selectLoaded = (s: ConsoleState) => s.loaded;
const selectLoadError = (s: ConsoleState) => s.loadError;

/** The time that matters in each state: how long it has been waiting for the next step. */
function stateClock(incident: Incident, state: ActiveState): string | null {
  const i = incident.intervals;
  switch (state) {
    case 'new':
      return i.raisedAt;
    case 'acknowledged':
      return i.acknowledgedAt ?? i.raisedAt;
    case 'dispatched':
      return i.firstEnRouteAt ?? i.acknowledgedAt ?? i.raisedAt;
    case 'on_scene':
      return i.firstOnSceneAt ?? i.raisedAt;
    case 'controlled':
      return i.controlledAt ?? i.raisedAt;
  }
}

function openInConsole(id: string): void {
  selectIncident(id);
  setView('console');
}

function IncidentItem({ incident, state, now }: { incident: Incident; state: ActiveState; now: number }) {
  const { t } = useTranslation();
  const raised = since(incident.intervals.raisedAt, now);
  const inState = since(stateClock(incident, state), now);
  return (
    <li className={`sup-inc prio-${incident.priority}`}>
      <button
        type="button"
        className="sup-inc-btn"
        onClick={() => openInConsole(incident.id)}
        title={t('supervisor.openInConsole', { reference: incident.reference })}
        data-testid="sup-incident"
        data-incident-id={incident.id}
      >
        <span className="sup-inc-top">
          <span className={`badge badge-prio prio-${incident.priority}`}>P{incident.priority}</span>
          <CategoryBadge category={incident.category} />
          <span className="sup-inc-age">
            <span className="sup-inc-age-label">{t('supervisor.inState')}</span>
            <span className="mono">{inState === null ? '—' : formatDuration(inState)}</span>
          </span>
        </span>
        <span className="sup-inc-mid">
          <span className="sup-inc-ref mono">{incident.reference}</span>
          <span className="sup-inc-raised muted mono">
            {t('supervisor.sinceRaised', { time: raised === null ? '—' : formatDuration(raised) })}
          </span>
        </span>
        <span className="sup-inc-addr">{incident.address ?? t('incident.noAddress')}</span>
      </button>
    </li>
  );
}

/** Active incidents in columns by state, with the count of each on top. */
export function IncidentsByState() {
  const { t } = useTranslation();
  const groups = useStore(consoleStore, selectGroups);
  const loaded = useStore(consoleStore, selectLoaded);
  const loadError = useStore(consoleStore, selectLoadError);
  const now = useNow();
  const total = ACTIVE_STATES.reduce((n, s) => n + groups[s].length, 0);

  return (
    <section className="sup-panel sup-states" aria-labelledby="sup-states-title">
      <div className="sup-head">
        <h2 id="sup-states-title" className="sup-title">
          {t('supervisor.statesTitle')}
        </h2>
        {loaded && (
          <p className="sup-head-note" data-testid="sup-active-total">
            {t('supervisor.statesTotal', { count: total })}
          </p>
        )}
      </div>
      {!loaded && !loadError && <p className="state-msg state-loading">{t('supervisor.loading')}</p>}
      {!loaded && loadError && (
        <p className="state-msg state-error-inline" role="alert">
          {t('errors.loadFailed')}: {loadError}
        </p>
      )}
      {loaded && (
        <div className="sup-state-cols">
          {ACTIVE_STATES.map((state) => {
            const list = groups[state];
            const headId = `sup-state-${state}`;
            return (
              <section
                key={state}
                className={`sup-state sup-state-${state} ${list.length > 0 ? 'has-items' : ''}`}
                aria-labelledby={headId}
                data-testid="sup-state"
                data-state={state}
                data-count={list.length}
              >
                <h3 id={headId} className="sup-state-head">
                  <span className="sup-state-name">{t(`incidentStatus.${state}`)}</span>
                  <span className="sup-state-count mono" data-testid="sup-state-count">
                    {list.length}
                  </span>
                </h3>
                {list.length === 0 ? (
                  <p className="sup-state-empty muted">{t('supervisor.stateEmpty')}</p>
                ) : (
                  <ul className="sup-inc-list">
                    {list.map((incident) => (
                      <IncidentItem key={incident.id} incident={incident} state={state} now={now} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
