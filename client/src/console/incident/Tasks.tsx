import type { Incident } from '@shared/domain/incident';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../common/store';
import { formatDuration } from '../../format';
import type { ConsoleState } from '../consoleState';
import { consoleStore } from '../consoleStore';
import { selectTasksFor } from '../selectors';

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

export function Tasks({ incident, now }: { incident: Incident; now: number }) {
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
