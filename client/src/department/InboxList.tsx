import type { Incident } from '@shared/domain/incident';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import { useTranslation } from 'react-i18next';
import { formatAge, formatDuration } from '../format';
import { isTaskOverdue } from '../supervisor/supervisorSelectors';
import type { InboxGroupName, InboxGroups } from './inboxSelectors';
import { selectTask } from './inboxStore';

export function Deadline({ task, now, big = false }: { task: DepartmentTask; now: number; big?: boolean }) {
  const { t } = useTranslation();
  if (!UNACKNOWLEDGED.has(task.status)) return null;
  const left = Date.parse(task.ackDeadline) - now;
  if (Number.isNaN(left)) return null;
  const overdue = isTaskOverdue(task, now);
  return (
    <span
      className={`inbox-deadline mono ${overdue ? 'overdue' : ''} ${big ? 'is-big' : ''}`}
      data-testid="task-deadline"
    >
      {overdue
        ? t('inbox.overdue', { time: formatDuration(-left) })
        : t('inbox.remaining', { time: formatDuration(left) })}
    </span>
  );
}

function Item({
  task,
  incident,
  selected,
  now,
}: {
  task: DepartmentTask;
  incident: Incident | null;
  selected: boolean;
  now: number;
}) {
  const { t } = useTranslation();
  const overdue = isTaskOverdue(task, now);
  return (
    <li className={`inbox-item ${selected ? 'is-selected' : ''} ${overdue ? 'is-overdue' : ''}`}>
      <button
        type="button"
        className="inbox-btn"
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectTask(task.id)}
        data-testid="inbox-task"
        data-task-id={task.id}
        data-status={task.status}
        data-kind={task.kind}
        data-overdue={overdue}
      >
        <span className="inbox-line1">
          <span className="inbox-kind">{t(`taskKind.${task.kind}`)}</span>
          <span className={`badge badge-task tstatus-${task.status}`}>{t(`taskStatus.${task.status}`)}</span>
        </span>
        <span className="inbox-line2">
          <span className="mono">{incident?.reference ?? '…'}</span>
          {incident && <span className="inbox-cat">{t(`categoryShort.${incident.category}`)}</span>}
          {incident?.address && <span className="inbox-addr muted">{incident.address}</span>}
        </span>
        <span className="inbox-line3">
          <Deadline task={task} now={now} />
          {!UNACKNOWLEDGED.has(task.status) && (
            <span className="muted">
              {t('inbox.updatedAgo', { age: formatAge(now - Date.parse(task.updatedAt)) })}
            </span>
          )}
          {task.escalationLevel > 0 && (
            <span className="inbox-esc">{t('tasks.escalation', { level: task.escalationLevel })}</span>
          )}
        </span>
      </button>
    </li>
  );
}

const GROUPS: readonly InboxGroupName[] = ['waiting', 'working', 'finished'];

/** The department's tasks in three groups: to take (by deadline), being worked, finished. */
export function InboxList({
  groups,
  incidentOf,
  selectedId,
  now,
}: {
  groups: InboxGroups;
  incidentOf: (id: string) => Incident | null;
  selectedId: string | null;
  now: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="inbox-groups">
      {GROUPS.map((name) => {
        const list = groups[name];
        const headId = `inbox-group-${name}`;
        return (
          <section
            key={name}
            className={`inbox-group inbox-group-${name}`}
            aria-labelledby={headId}
            data-testid={`inbox-group-${name}`}
          >
            <h3 id={headId} className="inbox-group-head">
              {t(`inbox.group_${name}`)} <span className="inbox-group-count mono">{list.length}</span>
            </h3>
            {list.length === 0 ? (
              <p className="muted inbox-none">{t(`inbox.none_${name}`)}</p>
            ) : (
              <ul className="inbox-list">
                {list.map((task) => (
                  <Item
                    key={task.id}
                    task={task}
                    incident={incidentOf(task.incidentId)}
                    selected={task.id === selectedId}
                    now={now}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
