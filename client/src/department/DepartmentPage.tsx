import '../styles/frame.css';
import './department.css';
import type { MeResponse } from '@shared/api/auth';
import type { Incident } from '@shared/domain/incident';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseWorkspace } from '../cases/CaseWorkspace';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import type { ConsoleState } from '../console/consoleState';
import { consoleStore, startConsole } from '../console/consoleStore';
import { Header } from '../console/Header';
import { StaleNotice, useIsLive } from '../console/StaleNotice';
import { Toasts } from '../console/Toasts';
import { resetUi } from '../console/uiStore';
import { isTypingTarget } from '../keyboard';
import { LedgerView } from '../ledger/LedgerView';
import { Reports } from '../reports/Reports';
import { countOverdue } from '../supervisor/supervisorSelectors';
import { InboxList } from './InboxList';
import { groupInbox, inboxOrder, mergeTasks, taskActions } from './inboxSelectors';
import {
  ensureIncident,
  type InboxState,
  inboxActions,
  inboxStore,
  loadTaskList,
  selectTask,
  startInbox,
} from './inboxStore';
import { TaskDetail } from './TaskDetail';

const selectLiveTasks = (s: ConsoleState) => s.tasks;
const selectLiveIncidents = (s: ConsoleState) => s.incidents;
const selectInbox = (s: InboxState) => s;

/** J/K (or ↓/↑) move through the inbox, A takes the open task; ignored while typing. */
function useInboxKeys(
  order: readonly string[],
  selectedId: string | null,
  acknowledgeSelected: () => void,
): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const index = selectedId ? order.indexOf(selectedId) : -1;
      if (key === 'j' || key === 'ArrowDown' || key === 'k' || key === 'ArrowUp') {
        if (order.length === 0) return;
        const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
        const next = index < 0 ? 0 : Math.min(order.length - 1, Math.max(0, index + step));
        const id = order[next];
        if (!id) return;
        e.preventDefault();
        selectTask(id);
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`[data-testid="inbox-task"][data-task-id="${id}"]`)?.focus(),
        );
        return;
      }
      if (key === 'a') {
        e.preventDefault();
        acknowledgeSelected();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [order, selectedId, acknowledgeSelected]);
}

/**
 * The inbox of a department's staff (维权办, 网安, 交通管理 …): their tasks arriving live with
 * deadlines counting down; acknowledge (which stops the escalation), progress notes, done; and
 * the incident context they are allowed to see.
 */
type DeptView = 'tasks' | 'cases' | 'ledger' | 'reports';
const TAB_LABEL = {
  tasks: 'cases.tabTasks',
  cases: 'cases.tabCases',
  ledger: 'ledger.view',
  reports: 'reports.view',
} as const satisfies Record<DeptView, string>;

export function DepartmentPage({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const userId = me.user.id;
  const departmentId = me.user.departmentId;
  const live = useIsLive();
  const now = useNow();
  const liveTasks = useStore(consoleStore, selectLiveTasks);
  const liveIncidents = useStore(consoleStore, selectLiveIncidents);
  const inbox = useStore(inboxStore, selectInbox);
  const [view, setView] = useState<DeptView>('tasks');
  // 维权办 keeps the ledger and its analysis (第三十五条); other departments have their tasks and cases
  const views: readonly DeptView[] =
    departmentId === 'rights_office' ? ['tasks', 'cases', 'ledger', 'reports'] : ['tasks', 'cases'];

  // biome-ignore lint/correctness/useExhaustiveDependencies: a different user gets a fresh inbox
  useEffect(() => {
    resetUi();
    const stopConsole = startConsole();
    const stopInbox = startInbox();
    return () => {
      stopInbox();
      stopConsole();
    };
  }, [userId]);

  useEffect(() => {
    document.title = `${departmentId ? t(`department.${departmentId}`) : ''} · ${t('inbox.title')}`;
  }, [t, departmentId]);

  const tasks = useMemo(
    () => mergeTasks(liveTasks, inbox.fetched, departmentId),
    [liveTasks, inbox.fetched, departmentId],
  );
  const groups = groupInbox(tasks);
  const order = useMemo(() => inboxOrder(groups), [groups]);

  // The context of every listed task: the live store has the open incidents, the rest are read.
  useEffect(() => {
    for (const task of tasks.values()) ensureIncident(task.incidentId);
  }, [tasks]);

  const incidentOf = useCallback(
    (id: string): Incident | null => liveIncidents.get(id) ?? inbox.incidents.get(id)?.data ?? null,
    [liveIncidents, inbox.incidents],
  );

  const selected = inbox.selectedId ? (tasks.get(inbox.selectedId) ?? null) : null;
  const acknowledgeSelected = useCallback(() => {
    if (selected && taskActions(selected).acknowledge) void inboxActions.acknowledge(selected);
  }, [selected]);
  useInboxKeys(order, inbox.selectedId, acknowledgeSelected);

  const siblings = useMemo(
    () => (selected ? [...tasks.values()].filter((x) => x.incidentId === selected.incidentId) : []),
    [tasks, selected],
  );
  const open = groups.waiting.length + groups.working.length;
  const overdue = countOverdue(groups.waiting, now);
  const loading = inbox.list.status === 'loading' && tasks.size === 0;

  return (
    <div className="console dept-page">
      <a className="skip-link" href="#console-main">
        {t('app.skipToMain')}
      </a>
      <Header me={me} />
      <main id="console-main" className={`console-main ${live ? '' : 'is-stale'}`} tabIndex={-1}>
        <StaleNotice />
        <div className="dept-tabs" role="tablist">
          {views.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={`btn btn-small ${view === v ? 'is-active' : ''}`}
              onClick={() => setView(v)}
              data-testid={`dept-tab-${v}`}
            >
              {t(TAB_LABEL[v])}
            </button>
          ))}
        </div>
        {view === 'cases' && <CaseWorkspace manage={departmentId === 'rights_office'} />}
        {view === 'ledger' && <LedgerView />}
        {view === 'reports' && <Reports />}
        <div className="dept-cols" hidden={view !== 'tasks'}>
          <section className="col dept-col-list panel" aria-labelledby="inbox-title">
            <div className="panel-head">
              <h2 id="inbox-title" className="panel-title">
                {t('inbox.listTitle')}
              </h2>
              <p className="panel-counts" data-testid="inbox-counts">
                <span>{t('inbox.openCount', { count: open })}</span>
                {overdue > 0 && (
                  <span className="count-unacked">{t('inbox.overdueCount', { count: overdue })}</span>
                )}
              </p>
            </div>
            <p className="inbox-keys muted">{t('inbox.keys')}</p>
            {loading && <p className="state-msg state-loading">{t('inbox.loading')}</p>}
            {inbox.list.status === 'error' && (
              <div className="state-error-inline inbox-list-error" role="alert">
                {t('inbox.listError')}: {inbox.list.error}{' '}
                <button type="button" className="btn btn-small" onClick={() => void loadTaskList()}>
                  {t('errors.retry')}
                </button>
              </div>
            )}
            {!loading && tasks.size === 0 && inbox.list.status !== 'error' && (
              <div className="state-msg state-empty" data-testid="inbox-empty">
                <p className="state-empty-title">{t('inbox.empty')}</p>
                <p>{t('inbox.emptyHint')}</p>
              </div>
            )}
            {tasks.size > 0 && (
              <div className="inbox-scroll">
                <InboxList groups={groups} incidentOf={incidentOf} selectedId={inbox.selectedId} now={now} />
              </div>
            )}
          </section>
          <section className="col dept-col-detail panel" aria-label={t('inbox.detailLabel')}>
            <div className="inbox-detail-scroll">
              {selected && (
                <TaskDetail
                  task={selected}
                  incident={incidentOf(selected.incidentId)}
                  incidentLoaded={inbox.incidents.get(selected.incidentId)}
                  siblings={siblings}
                  now={now}
                />
              )}
              {!selected && inbox.opened?.status === 'forbidden' && (
                <div className="state-msg inbox-forbidden" role="alert" data-testid="task-forbidden">
                  <p className="state-empty-title">{t('inbox.forbiddenTitle')}</p>
                  <p>{t('inbox.forbidden')}</p>
                </div>
              )}
              {!selected && inbox.opened?.status === 'notFound' && (
                <div className="state-msg" role="alert" data-testid="task-not-found">
                  <p className="state-empty-title">{t('inbox.notFound')}</p>
                </div>
              )}
              {!selected && inbox.opened?.status === 'error' && (
                <p className="state-msg state-error-inline" role="alert">
                  {t('inbox.openError')}: {inbox.opened.error}
                </p>
              )}
              {!selected && inbox.opened?.status === 'loading' && (
                <p className="state-msg state-loading">{t('inbox.loading')}</p>
              )}
              {!selected && !inbox.opened && (
                <div className="state-msg state-empty">
                  <p className="state-empty-title">{t('inbox.noneSelected')}</p>
                  <p>{t('inbox.noneSelectedHint')}</p>
                </div>
              )}
            </div>
          </section>
        </div>
      </main>
      <Toasts />
    </div>
  );
}
