import type { Recommendation } from '@shared/api/dispatch';
import type { TimelineEntry } from '@shared/api/snapshot';
import type { Incident, InvolvedOfficer } from '@shared/domain/incident';
import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import type { Unit } from '@shared/domain/unit';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryBadge, PriorityBadge, StatusBadge, UnitStatusDot } from '../common/badges';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import {
  formatCoordinate,
  formatDateTime,
  formatDuration,
  shortId,
  since,
  splitDistance,
  splitEta,
} from '../format';
import { actorText, describeDetails, timelineKindLabel, transitionText } from '../timeline/timelineText';
import type { ConsoleState } from './consoleState';
import { actions, consoleStore } from './consoleStore';
import { type DetailState, detailActions, detailStore } from './detailStore';
import { selectAssignmentsFor, selectIncidentViews, selectTasksFor } from './selectors';
import { openDialog, requestNoteFocus, type UiState, uiStore } from './uiStore';

const selectSelectedId = (s: UiState) => s.selectedIncidentId;
const selectNoteFocus = (s: UiState) => s.noteFocusRequest;
const selectUnits = (s: ConsoleState) => s.units;
const selectLoaded = (s: ConsoleState) => s.loaded;
const selectDetail = (s: DetailState) => s;

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

function CheckinBox({ incident, now }: { incident: Incident; now: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const missed = useStore(
    consoleStore,
    useCallback((s: ConsoleState) => s.checkinAlarms.has(incident.id), [incident.id]),
  );
  const left = incident.checkInDueAt ? Date.parse(incident.checkInDueAt) - now : Number.NaN;
  const overdue = missed || left < 0;
  return (
    <div className={`checkin ${overdue ? 'is-overdue' : ''}`} data-testid="checkin-box">
      <span className="checkin-label">{t('checkin.due')}</span>
      <span className="checkin-time mono">
        {Number.isNaN(left)
          ? '—'
          : left < 0
            ? t('checkin.overdue', { time: formatDuration(-left) })
            : t('checkin.dueIn', { time: formatDuration(left) })}
      </span>
      {missed && <span className="badge badge-distress">{t('alarm.checkinTitle')}</span>}
      <button
        type="button"
        className={`btn btn-small ${overdue ? 'btn-danger' : ''}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await actions.checkIn(incident);
          setBusy(false);
        }}
        data-testid="checkin-button"
      >
        {busy ? t('checkin.confirming') : t('checkin.confirm')}
      </button>
    </div>
  );
}

/** `userLabel` is bound in the component, and a ReactNode: `t` with options narrowed to string is too deep a type for tsc. */
function officerLabel(o: InvolvedOfficer, userLabel: (id: string) => ReactNode): ReactNode {
  if ('userId' in o) return userLabel(shortId(o.userId));
  return o.note ? `${o.name}（${o.note}）` : o.name;
}

function safeLinks(urls: readonly string[]): string[] {
  return urls.filter((u) => /^https?:\/\//i.test(u));
}

function Details({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const flags = [
    incident.injured && t('incident.flagInjured'),
    incident.vehicleInvolved && t('incident.flagVehicle'),
    incident.onRoad && t('incident.flagOnRoad'),
    incident.ongoing && t('incident.flagOngoing'),
  ].filter((f): f is string => Boolean(f));
  const links = safeLinks(incident.contentUrls);
  return (
    <section className="sub" aria-labelledby="incident-details-title">
      <h3 id="incident-details-title" className="sub-title">
        {t('incident.details')}
      </h3>
      {flags.length > 0 && (
        <ul className="flags" aria-label={t('incident.details')}>
          {flags.map((f) => (
            <li key={f} className={`flag ${f === t('incident.flagInjured') ? 'flag-injured' : ''}`}>
              {f}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts">
        <dt>{t('incident.address')}</dt>
        <dd className="fact-address">{incident.address ?? t('incident.noAddress')}</dd>
        <dt>{t('incident.position')}</dt>
        <dd className="mono">
          {incident.position ? (
            <>
              {formatCoordinate(incident.position.lat, incident.position.lng)}
              {incident.position.accuracyM !== undefined &&
                ` ${t('incident.accuracy', { metres: Math.round(incident.position.accuracyM) })}`}
            </>
          ) : (
            t('incident.noPosition')
          )}
        </dd>
        <dt>{t('incident.source')}</dt>
        <dd>{t(`source.${incident.source}`)}</dd>
        <dt>{t('incident.raisedAt')}</dt>
        <dd className="mono">{formatDateTime(incident.intervals.raisedAt, i18n.language)}</dd>
        <dt>{t('incident.acknowledgedAt')}</dt>
        <dd className="mono">
          {incident.intervals.acknowledgedAt
            ? formatDateTime(incident.intervals.acknowledgedAt, i18n.language)
            : t('incident.notAcknowledged')}
        </dd>
        <dt>{t('incident.officers')}</dt>
        <dd>
          {incident.officers.length === 0 ? (
            <span className="muted">{t('incident.noOfficers')}</span>
          ) : (
            <ul className="plain-list">
              {incident.officers.map((o) => (
                <li key={'userId' in o ? o.userId : `${o.name}|${o.note ?? ''}`}>
                  {officerLabel(o, (id) => t('incident.officerUser', { id }))}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('incident.description')}</dt>
        <dd className="fact-description">
          {incident.description || <span className="muted">{t('incident.noDescription')}</span>}
        </dd>
        {links.length > 0 && (
          <>
            <dt>{t('incident.content')}</dt>
            <dd>
              <ul className="plain-list">
                {links.map((u) => (
                  <li key={u}>
                    <a href={u} target="_blank" rel="noopener noreferrer" className="link">
                      {u}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Assignments({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const select = useCallback((s: ConsoleState) => selectAssignmentsFor(s, incident.id), [incident.id]);
  const assignments = useStore(consoleStore, select);
  const units = useStore(consoleStore, selectUnits);
  return (
    <section className="sub" aria-labelledby="assign-title">
      <h3 id="assign-title" className="sub-title">
        {t('assignments.title')}
      </h3>
      {incident.pagedUnitIds.length > 0 && (
        <p className="paged">
          {t('checkin.paged')}:{' '}
          {incident.pagedUnitIds.map((id) => units.get(id)?.callSign ?? shortId(id)).join(', ')}
        </p>
      )}
      {assignments.length === 0 ? (
        <p className="muted">{t('assignments.none')}</p>
      ) : (
        <ul className="rows" data-testid="assignments">
          {assignments.map((a) => {
            const unit = units.get(a.unitId);
            return (
              <li key={a.id} className="row" data-testid="assignment">
                {unit && <UnitStatusDot status={unit.status} />}
                <span className="callsign">{unit?.callSign ?? shortId(a.unitId)}</span>
                <span className={`badge badge-assign astatus-${a.status}`}>
                  {t(`assignmentStatus.${a.status}`)}
                </span>
                <span className="muted mono">
                  {t('assignments.dispatchedAt', { time: formatDateTime(a.dispatchedAt, i18n.language) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

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

function Recommendations({ incident }: { incident: Incident }) {
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

function TaskRow({ task, now }: { task: DepartmentTask; now: number }) {
  const { t } = useTranslation();
  const left = Date.parse(task.ackDeadline) - now;
  const waiting = UNACKNOWLEDGED.has(task.status);
  const overdue = waiting && left < 0;
  return (
    <li
      className={`row task ${overdue ? 'is-overdue' : ''}`}
      data-testid="task-row"
      data-status={task.status}
    >
      <span className="task-dept">{t(`department.${task.departmentId}`)}</span>
      <span className="task-kind">{t(`taskKind.${task.kind}`)}</span>
      <span className={`badge badge-task tstatus-${task.status}`}>{t(`taskStatus.${task.status}`)}</span>
      <span className="task-article muted">{task.article}</span>
      {waiting && !Number.isNaN(left) && (
        <span className={`task-deadline mono ${overdue ? 'overdue' : ''}`}>
          {overdue
            ? t('tasks.overdue', { time: formatDuration(-left) })
            : t('tasks.remaining', { time: formatDuration(left) })}
        </span>
      )}
      {task.escalationLevel > 0 && (
        <span className="task-escalation">{t('tasks.escalation', { level: task.escalationLevel })}</span>
      )}
      {task.handling && (
        <span className="task-extra">
          {t('tasks.handling')}: {t(`tasks.${task.handling.track}`)} · {task.handling.basis} (
          {task.handling.article})
        </span>
      )}
      {task.note && <span className="task-extra muted">{task.note}</span>}
    </li>
  );
}

function Tasks({ incident, now }: { incident: Incident; now: number }) {
  const { t } = useTranslation();
  const select = useCallback((s: ConsoleState) => selectTasksFor(s, incident.id), [incident.id]);
  const tasks = useStore(consoleStore, select);
  return (
    <section className="sub" aria-labelledby="tasks-title">
      <h3 id="tasks-title" className="sub-title">
        {t('tasks.title')}
      </h3>
      {tasks.length === 0 ? (
        <p className="muted">{t('tasks.none')}</p>
      ) : (
        <ul className="rows" data-testid="tasks">
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TimelineItem({ entry, units }: { entry: TimelineEntry; units: ReadonlyMap<string, Unit> }) {
  const { t, i18n } = useTranslation();
  const { text, from, to } = entry.details;
  const transition = transitionText(from, to, t);
  const rest = describeDetails(entry.details, { t, lang: i18n.language, units });
  return (
    <li className="tl-item" data-testid="timeline-entry" data-kind={entry.kind}>
      <span className="tl-time mono">{formatDateTime(entry.at, i18n.language)}</span>
      <span className="tl-kind">{timelineKindLabel(entry.kind, t)}</span>
      <span className="tl-actor muted">{actorText(entry.actor, units, t)}</span>
      {transition && <p className="tl-transition">{transition}</p>}
      {typeof text === 'string' && text && <p className="tl-text">{text}</p>}
      {rest.length > 0 && (
        <p className="tl-details muted">
          {rest.map((line) => (
            <span key={line.key} className="tl-detail">
              {line.label}: {line.value}
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

function Timeline({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const detail = useStore(detailStore, selectDetail);
  const units = useStore(consoleStore, selectUnits);
  const tl = detail.timeline;
  const entries = tl.incidentId === incident.id ? (tl.data ?? []) : [];
  return (
    <section className="sub" aria-labelledby="tl-title" aria-busy={tl.status === 'loading'}>
      <h3 id="tl-title" className="sub-title">
        {t('timeline.title')}
      </h3>
      {tl.status === 'loading' && entries.length === 0 && <p className="muted">{t('timeline.loading')}</p>}
      {tl.status === 'error' && (
        <div className="state-error-inline" role="alert">
          {t('timeline.error')}: {tl.error}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void detailActions.loadTimeline(incident.id)}
          >
            {t('errors.retry')}
          </button>
        </div>
      )}
      {tl.status === 'ready' && entries.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      {entries.length > 0 && (
        <ol className="timeline" data-testid="timeline">
          {[...entries].reverse().map((e) => (
            <TimelineItem key={e.id} entry={e} units={units} />
          ))}
        </ol>
      )}
    </section>
  );
}

function NoteBox({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const focusRequest = useStore(uiStore, selectNoteFocus);
  const hintId = useId();

  useEffect(() => {
    if (focusRequest > 0) {
      ref.current?.focus();
      ref.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [focusRequest]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError(true);
      return;
    }
    setBusy(true);
    const ok = await actions.addNote(incident, text.trim());
    setBusy(false);
    if (ok) setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form className="sub note-box" onSubmit={(e) => void submit(e)} aria-labelledby="note-title">
      <h3 id="note-title" className="sub-title">
        <label htmlFor="note-text">{t('note.label')}</label>
      </h3>
      <textarea
        ref={ref}
        id="note-text"
        rows={3}
        maxLength={2000}
        value={text}
        placeholder={t('note.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setError(false);
        }}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        aria-invalid={error || undefined}
        data-testid="note-input"
      />
      <div className="note-foot">
        <span id={hintId} className={error ? 'state-error-inline' : 'muted'}>
          {error ? t('note.empty') : t('note.hint')}
        </span>
        <button type="submit" className="btn" disabled={busy} data-testid="note-submit">
          {busy ? t('note.submitting') : t('note.submit')}
        </button>
      </div>
    </form>
  );
}
