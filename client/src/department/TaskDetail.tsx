import { urlFor } from '@shared/api/contract';
import type { EvidenceCapture } from '@shared/api/evidence';
import { routes } from '@shared/api/routes';
import { DepartmentId } from '@shared/domain/department';
import type { Incident } from '@shared/domain/incident';
import { type DepartmentTask, TaskKind } from '@shared/domain/task';
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentCase } from '../cases/IncidentCase';
import { CategoryBadge, PriorityBadge, StatusBadge } from '../common/badges';
import { useStore } from '../common/store';
import { formatCoordinate, formatDateTime } from '../format';
import { timelineKindLabel } from '../timeline/timelineText';
import { Deadline } from './InboxList';
import { taskActions } from './inboxSelectors';
import {
  hideWatchAddresses,
  type InboxState,
  inboxActions,
  inboxStore,
  type Loaded,
  loadEvidence,
  loadTimeline,
  loadWatchAddresses,
} from './inboxStore';
import { SceneMap } from './SceneMap';

/** How often 网安 sees new captures while a task is open: the capture worker has no stream event. */
const EVIDENCE_REFRESH_MS = 10_000;

const selectBusy = (s: InboxState) => s.busy;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Actions({ task }: { task: DepartmentTask }) {
  const { t } = useTranslation();
  const busy = useStore(inboxStore, selectBusy);
  const [note, setNote] = useState('');
  const [error, setError] = useState(false);
  const noteId = useId();
  const hintId = useId();
  const can = taskActions(task);
  const acking = busy.has(`${task.id}:acknowledge`);
  const working = busy.has(`${task.id}:progress`) || busy.has(`${task.id}:done`);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another task starts with an empty note
  useEffect(() => {
    setNote('');
    setError(false);
  }, [task.id]);

  async function progress(e?: FormEvent) {
    e?.preventDefault();
    if (!note.trim()) {
      setError(true);
      return;
    }
    if (await inboxActions.progress(task, note.trim())) setNote('');
  }

  async function done() {
    if (await inboxActions.done(task, note.trim())) setNote('');
  }

  if (can.acknowledge) {
    return (
      <div className="inbox-actions">
        <button
          type="button"
          className="btn btn-danger btn-lg"
          disabled={acking}
          onClick={() => void inboxActions.acknowledge(task)}
          data-testid="task-acknowledge"
        >
          {acking ? t('inbox.acknowledging') : t('inbox.acknowledge')}
        </button>
        <p className="muted">{t('inbox.acknowledgeHint')}</p>
      </div>
    );
  }
  if (!can.progress && !can.done) return null;
  return (
    <form className="inbox-work" onSubmit={(e) => void progress(e)}>
      <label htmlFor={noteId} className="sub-title">
        {t('inbox.noteLabel')}
      </label>
      <textarea
        id={noteId}
        rows={3}
        maxLength={2000}
        value={note}
        placeholder={t('inbox.notePlaceholder')}
        onChange={(e) => {
          setNote(e.target.value);
          setError(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void progress();
          }
        }}
        aria-describedby={hintId}
        aria-invalid={error || undefined}
        data-testid="task-note"
      />
      <div className="note-foot">
        <span id={hintId} className={error ? 'state-error-inline' : 'muted'}>
          {error ? t('inbox.noteEmpty') : t('inbox.noteHint')}
        </span>
        <span className="inbox-work-buttons">
          <button type="submit" className="btn" disabled={working} data-testid="task-progress">
            {t('inbox.progress')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={working}
            onClick={() => void done()}
            data-testid="task-done"
          >
            {t('inbox.done')}
          </button>
        </span>
      </div>
    </form>
  );
}

function LoadedState<T>({ loaded, what }: { loaded: Loaded<T> | undefined; what: string }) {
  const { t } = useTranslation();
  if (!loaded || (loaded.status === 'loading' && loaded.data === null))
    return <p className="muted state-loading">{t('inbox.loadingWhat', { what })}</p>;
  if (loaded.status === 'forbidden')
    return <p className="state-error-inline">{t('inbox.forbiddenWhat', { what })}</p>;
  if (loaded.status === 'error' || loaded.status === 'notFound')
    return (
      <p className="state-error-inline" role="alert">
        {t('inbox.errorWhat', { what })}: {loaded.error}
      </p>
    );
  return null;
}

function IncidentContext({
  incident,
  loaded,
}: {
  incident: Incident | null;
  loaded: Loaded<Incident> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const what = t('inbox.incidentTitle');
  const flags = incident
    ? [
        incident.injured && t('incident.flagInjured'),
        incident.vehicleInvolved && t('incident.flagVehicle'),
        incident.onRoad && t('incident.flagOnRoad'),
        incident.ongoing && t('incident.flagOngoing'),
      ].filter((f): f is string => Boolean(f))
    : [];
  return (
    <section className="sub" aria-labelledby="inbox-incident-title" data-testid="task-incident">
      <h3 id="inbox-incident-title" className="sub-title">
        {what}
      </h3>
      {!incident && <LoadedState loaded={loaded} what={what} />}
      {incident && (
        <>
          <div className="incident-badges">
            <PriorityBadge priority={incident.priority} />
            <StatusBadge status={incident.status} />
            <span className="incident-ref">{incident.reference}</span>
            <CategoryBadge category={incident.category} long />
          </div>
          {flags.length > 0 && (
            <ul className="flags">
              {flags.map((f) => (
                <li key={f} className="flag">
                  {f}
                </li>
              ))}
            </ul>
          )}
          <dl className="facts">
            <Fact label={t('incident.address')}>{incident.address ?? t('incident.noAddress')}</Fact>
            <Fact label={t('incident.position')}>
              {incident.position ? (
                <span className="mono">{formatCoordinate(incident.position.lat, incident.position.lng)}</span>
              ) : (
                t('incident.noPosition')
              )}
            </Fact>
            <Fact label={t('incident.raisedAt')}>
              <span className="mono">{formatDateTime(incident.intervals.raisedAt, i18n.language)}</span>
            </Fact>
            <Fact label={t('incident.source')}>{t(`source.${incident.source}`)}</Fact>
            <Fact label={t('incident.description')}>
              {incident.description || <span className="muted">{t('incident.noDescription')}</span>}
            </Fact>
          </dl>
        </>
      )}
    </section>
  );
}

function statusLabel(c: EvidenceCapture, t: ReturnType<typeof useTranslation>['t']): string {
  return t(`inbox.evidence_${c.status}`);
}

/** 网安: the web pages preserved for this incident, with their hashes; downloads are audited. */
function EvidenceSection({
  incident,
  incidentId,
  tasks,
}: {
  incident: Incident | null;
  incidentId: string;
  tasks: readonly DepartmentTask[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="sub" aria-labelledby="inbox-evidence-title" data-testid="task-evidence">
      <h3 id="inbox-evidence-title" className="sub-title">
        {t('inbox.cyberTitle')}
      </h3>
      <ul className="rows inbox-cyber-tasks">
        {tasks.map((task) => (
          <li
            key={task.id}
            className="row"
            data-testid="cyber-task"
            data-kind={task.kind}
            data-status={task.status}
          >
            <span className="task-kind">{t(`taskKind.${task.kind}`)}</span>
            <span className={`badge badge-task tstatus-${task.status}`}>
              {t(`taskStatus.${task.status}`)}
            </span>
            {task.note && <span className="muted">{task.note}</span>}
          </li>
        ))}
      </ul>
      {incident && incident.contentUrls.length > 0 && (
        <>
          <h4 className="sub-title-small">{t('incident.content')}</h4>
          <ul className="plain-list">
            {incident.contentUrls
              .filter((u) => /^https?:\/\//i.test(u))
              .map((u) => (
                <li key={u} className="link mono">
                  {u}
                </li>
              ))}
          </ul>
        </>
      )}
      <EvidenceList incidentId={incidentId} lang={i18n.language} />
    </section>
  );
}

const selectEvidence = (s: InboxState) => s.evidence;

function EvidenceList({ incidentId, lang }: { incidentId: string; lang: string }) {
  const { t } = useTranslation();
  const all = useStore(inboxStore, selectEvidence);
  const loaded = all.get(incidentId);
  useEffect(() => {
    if (!incidentId) return;
    loadEvidence(incidentId);
    const timer = setInterval(() => loadEvidence(incidentId), EVIDENCE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [incidentId]);
  const what = t('inbox.evidenceTitle');
  const captures = loaded?.data ?? null;
  return (
    <>
      <h4 className="sub-title-small">{what}</h4>
      {captures === null && <LoadedState loaded={loaded} what={what} />}
      {captures && captures.length === 0 && <p className="muted">{t('inbox.evidenceEmpty')}</p>}
      {captures && captures.length > 0 && (
        <ul className="rows evidence-list" data-testid="evidence-list">
          {captures.map((c) => (
            <li
              key={c.id}
              className={`row evidence evidence-${c.status}`}
              data-testid="evidence"
              data-status={c.status}
            >
              <span className="evidence-url mono">{c.url}</span>
              <span className={`badge evidence-badge evidence-badge-${c.status}`}>{statusLabel(c, t)}</span>
              {c.httpStatus !== null && <span className="muted mono">HTTP {c.httpStatus}</span>}
              {c.sizeBytes !== null && (
                <span className="muted mono">{t('inbox.bytes', { count: c.sizeBytes })}</span>
              )}
              {c.capturedAt && <span className="muted mono">{formatDateTime(c.capturedAt, lang)}</span>}
              {c.sha256 && (
                <span className="evidence-hash mono" title={c.sha256}>
                  SHA-256 {c.sha256.slice(0, 16)}…
                </span>
              )}
              {c.error && <span className="state-error-inline">{c.error}</span>}
              {c.status === 'captured' && (
                <a
                  className="btn btn-small"
                  href={urlFor(routes.evidence.captureBody, { id: c.id })}
                  download
                >
                  {t('inbox.evidenceDownload')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const selectTimelines = (s: InboxState) => s.timelines;

/** Which department and task a record is about, and its note, in words. */
function timelineDetail(details: Record<string, unknown>, t: ReturnType<typeof useTranslation>['t']): string {
  const parts: string[] = [];
  const dept = DepartmentId.safeParse(details.departmentId);
  if (dept.success) parts.push(t(`department.${dept.data}`));
  const kind = TaskKind.safeParse(details.task);
  if (kind.success) parts.push(t(`taskKind.${kind.data}`));
  for (const key of ['note', 'text', 'url'] as const) {
    const v = details[key];
    if (typeof v === 'string' && v) parts.push(v);
  }
  return parts.join(' · ');
}

/** 维权办: the incident's case (opened here in one step) and the incident's record. */
function CaseSection({ task }: { task: DepartmentTask }) {
  const { t, i18n } = useTranslation();
  const timelines = useStore(inboxStore, selectTimelines);
  const loaded = timelines.get(task.incidentId);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a task change may have added to the record
  useEffect(() => loadTimeline(task.incidentId), [task.incidentId, task.updatedAt]);
  const entries = loaded?.data ?? null;
  const what = t('timeline.title');
  return (
    <section className="sub" aria-labelledby="inbox-case-title" data-testid="task-case">
      <h3 id="inbox-case-title" className="sub-title">
        {t('inbox.caseTitle')}
      </h3>
      <dl className="facts">
        <Fact label={t('inbox.basis')}>{task.article}</Fact>
        {task.orgUnitName && <Fact label={t('inbox.orgUnit')}>{task.orgUnitName}</Fact>}
        {task.ruleId && (
          <Fact label={t('inbox.rule')}>
            {task.ruleId}
            {task.ruleVersion !== undefined && ` · v${task.ruleVersion}`}
          </Fact>
        )}
        {task.handling && (
          <Fact label={t('tasks.handling')}>
            {t(`tasks.${task.handling.track}`)} · {task.handling.basis} ({task.handling.article})
            {task.handling.grounds?.length ? ` · ${task.handling.grounds.join('、')}` : ''}
            {task.handling.reason ? ` · ${task.handling.reason}` : ''}
          </Fact>
        )}
      </dl>
      <IncidentCase incidentId={task.incidentId} />
      <h4 className="sub-title-small">{what}</h4>
      {entries === null && <LoadedState loaded={loaded} what={what} />}
      {entries && entries.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="timeline" data-testid="case-timeline">
          {[...entries].reverse().map((e) => (
            <li key={e.id} className="tl-item">
              <span className="tl-time mono">{formatDateTime(e.at, i18n.language)}</span>
              <span className="tl-kind">{timelineKindLabel(e.kind, t)}</span>
              {timelineDetail(e.details, t) && <p className="tl-text">{timelineDetail(e.details, t)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const selectWatch = (s: InboxState) => s.watch;

/** 派出所: a protective watch's addresses are personal data: read on request only, and audited. */
function WatchSection({ task }: { task: DepartmentTask }) {
  const { t } = useTranslation();
  const watch = useStore(inboxStore, selectWatch);
  const loaded = watch.get(task.id);
  const what = t('inbox.watchTitle');
  return (
    <section className="sub" aria-labelledby="inbox-watch-title">
      <h3 id="inbox-watch-title" className="sub-title">
        {what}
      </h3>
      {!loaded && (
        <button type="button" className="btn" onClick={() => loadWatchAddresses(task.id)}>
          {t('inbox.watchShow')}
        </button>
      )}
      {loaded && loaded.data === null && <LoadedState loaded={loaded} what={what} />}
      {loaded?.data && (
        <>
          <ul className="rows">
            {loaded.data.addresses.map((a) => (
              <li key={`${a.relation}|${a.address}`} className="row">
                <span className="task-kind">{a.relation}</span>
                <span>{a.address}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => hideWatchAddresses(task.id)}>
            {t('inbox.watchHide')}
          </button>
        </>
      )}
    </section>
  );
}

/** The open task: what it asks, its deadline, what can be done with it, and its context. */
export function TaskDetail({
  task,
  incident,
  incidentLoaded,
  siblings,
  now,
}: {
  task: DepartmentTask;
  incident: Incident | null;
  incidentLoaded: Loaded<Incident> | undefined;
  /** This department's tasks for the same incident (网安 sees the takedown beside the evidence). */
  siblings: readonly DepartmentTask[];
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const cyber = task.departmentId === 'cyber';
  const traffic = task.departmentId === 'traffic';
  const isCase = task.kind === 'register_case';
  const watch = task.kind === 'protective_watch' && task.restricted === true;
  /** What this department sees beyond the incident: the scene, the case, the evidence, the addresses. */
  const special = traffic || isCase || cyber || watch;
  const sceneLabel = useCallback(
    () => (incident ? `${incident.reference} · ${t(`categoryShort.${incident.category}`)}` : ''),
    [incident, t],
  );
  return (
    <article
      className="task-detail"
      data-testid="task-detail"
      data-task-id={task.id}
      data-status={task.status}
    >
      <header className="task-detail-head">
        <h2 className="task-detail-title">{t(`taskKind.${task.kind}`)}</h2>
        <div className="incident-badges">
          <span className={`badge badge-task tstatus-${task.status}`} data-testid="task-status">
            {t(`taskStatus.${task.status}`)}
          </span>
          <span className="muted">{task.article}</span>
          {task.escalationLevel > 0 && (
            <span className="inbox-esc">{t('tasks.escalation', { level: task.escalationLevel })}</span>
          )}
        </div>
        <div className="task-detail-clock">
          <Deadline task={task} now={now} big />
          <span className="muted">
            {t('inbox.deadlineAt', { time: formatDateTime(task.ackDeadline, i18n.language) })}
          </span>
          <span className="muted small" title={t('inbox.deadlinePolicy')}>
            {t('inbox.deadlinePolicy')}
          </span>
        </div>
      </header>
      <div className={`task-detail-body ${special ? 'has-special' : ''}`}>
        <div className="task-detail-main">
          <Actions task={task} />
          {task.note && (
            <section className="sub">
              <h3 className="sub-title">{t('inbox.lastNote')}</h3>
              <p className="inbox-note">{task.note}</p>
            </section>
          )}
          <IncidentContext incident={incident} loaded={incidentLoaded} />
        </div>
        {special && (
          <div className="task-detail-special">
            {traffic && incident?.position && (
              <section className="sub" aria-labelledby="inbox-scene-title">
                <h3 id="inbox-scene-title" className="sub-title">
                  {t('inbox.sceneTitle')}
                </h3>
                <SceneMap position={incident.position} label={sceneLabel()} />
              </section>
            )}
            {traffic && incident && !incident.position && <p className="muted">{t('inbox.noScene')}</p>}
            {isCase && <CaseSection task={task} />}
            {cyber && <EvidenceSection incident={incident} incidentId={task.incidentId} tasks={siblings} />}
            {watch && <WatchSection task={task} />}
          </div>
        )}
      </div>
    </article>
  );
}
