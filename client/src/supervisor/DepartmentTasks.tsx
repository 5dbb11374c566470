import type { Incident } from '@shared/domain/incident';
import { type DepartmentTask, UNACKNOWLEDGED } from '@shared/domain/task';
import { useTranslation } from 'react-i18next';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import type { ConsoleState } from '../console/consoleState';
import { consoleStore } from '../console/consoleStore';
import { formatDuration } from '../format';
import { ScrollRegion } from './ScrollRegion';
import { countOverdue, groupTasksByDepartment, isTaskOverdue } from './supervisorSelectors';

const selectGroups = (s: ConsoleState) => groupTasksByDepartment(s.tasks);
const selectIncidents = (s: ConsoleState) => s.incidents;
const selectLoaded = (s: ConsoleState) => s.loaded;

function TaskRow({
  task,
  incident,
  now,
}: {
  task: DepartmentTask;
  incident: Incident | undefined;
  now: number;
}) {
  const { t } = useTranslation();
  const waiting = UNACKNOWLEDGED.has(task.status);
  const left = Date.parse(task.ackDeadline) - now;
  const overdue = isTaskOverdue(task, now);
  return (
    <li
      className={`sup-task ${overdue ? 'is-overdue' : ''} ${waiting ? 'is-waiting' : ''}`}
      data-testid="sup-task"
      data-task-id={task.id}
      data-status={task.status}
      data-overdue={overdue}
    >
      <span className="sup-task-kind">{t(`taskKind.${task.kind}`)}</span>
      <span className="sup-task-ref mono">{incident?.reference ?? '—'}</span>
      <span className={`badge badge-task tstatus-${task.status}`}>
        {t(`taskStatus.${task.status}`)}
        {task.escalationLevel > 0 && ` · ${t('supervisor.escalationLevel', { level: task.escalationLevel })}`}
      </span>
      <span className={`sup-task-deadline mono ${overdue ? 'overdue' : ''}`}>
        {waiting && !Number.isNaN(left)
          ? overdue
            ? t('tasks.overdue', { time: formatDuration(-left) })
            : t('tasks.remaining', { time: formatDuration(left) })
          : ''}
      </span>
    </li>
  );
}

/**
 * Each department's open tasks with their acknowledgement deadlines counting down; a task past
 * its deadline and still not taken is red (and says so in words).
 */
export function DepartmentTasks() {
  const { t } = useTranslation();
  const groups = useStore(consoleStore, selectGroups);
  const incidents = useStore(consoleStore, selectIncidents);
  const loaded = useStore(consoleStore, selectLoaded);
  const now = useNow();
  const open = groups.reduce((n, g) => n + g.open.length, 0);
  const overdue = groups.reduce((n, g) => n + countOverdue(g.open, now), 0);

  return (
    <section className="sup-panel sup-tasks" aria-labelledby="sup-tasks-title">
      <div className="sup-head">
        <h2 id="sup-tasks-title" className="sup-title">
          {t('supervisor.tasksTitle')}
        </h2>
        {loaded && (
          <p className="sup-head-note">
            {t('supervisor.tasksOpen', { count: open })}
            {overdue > 0 && (
              <span className="sup-overdue-pill" data-testid="sup-overdue-total">
                {t('supervisor.overdueCount', { count: overdue })}
              </span>
            )}
          </p>
        )}
      </div>
      {!loaded && <p className="state-msg state-loading">{t('supervisor.loading')}</p>}
      {loaded && groups.length === 0 && (
        <div className="state-msg state-empty">
          <p className="state-empty-title">{t('supervisor.tasksEmpty')}</p>
          <p>{t('supervisor.tasksEmptyHint')}</p>
        </div>
      )}
      {loaded && groups.length > 0 && (
        <ScrollRegion labelledBy="sup-tasks-title">
          {groups.map((g) => {
            const late = countOverdue(g.open, now);
            const headId = `sup-dept-${g.departmentId}`;
            return (
              <section
                key={g.departmentId}
                className={`sup-dept ${late > 0 ? 'has-overdue' : ''}`}
                aria-labelledby={headId}
                data-testid="sup-dept"
                data-department={g.departmentId}
              >
                <h3 id={headId} className="sup-dept-head">
                  <span className="sup-dept-name">{t(`department.${g.departmentId}`)}</span>
                  <span className="sup-dept-counts">
                    {late > 0 && (
                      <span className="sup-overdue-pill">
                        {t('supervisor.overdueCount', { count: late })}
                      </span>
                    )}
                    <span>{t('supervisor.deptCounts', { waiting: g.waiting, done: g.finished })}</span>
                    {g.failed > 0 && (
                      <span className="sup-failed">{t('supervisor.failedCount', { count: g.failed })}</span>
                    )}
                  </span>
                </h3>
                {g.open.length === 0 ? (
                  <p className="muted sup-dept-none">{t('supervisor.deptAllDone')}</p>
                ) : (
                  <ul className="sup-task-list">
                    {g.open.map((task) => (
                      <TaskRow
                        key={task.id}
                        task={task}
                        incident={incidents.get(task.incidentId)}
                        now={now}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </ScrollRegion>
      )}
    </section>
  );
}
