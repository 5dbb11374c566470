import { routes } from '@shared/api/routes';
import { type Case, type CaseApplicantView, CaseEventKind, RemedyKind } from '@shared/domain/case';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { formatDateTime } from '../format';
import { CaseAttachments } from './CaseAttachments';
import { CaseChecklist } from './CaseChecklist';
import { CaseDeadlineBadge } from './CaseDeadlineBadge';
import {
  DecisionForm,
  EscalationForm,
  ExtensionForm,
  FeedbackForm,
  RemedyForm,
  ReviewForm,
  TaskForm,
  TaskResultForm,
} from './CaseForms';
import { casesApi } from './casesApi';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Labels for a timeline step: `remedy_<kind>` or one of the case's own steps. */
function eventLabel(
  kind: string,
  remedyLabel: (k: RemedyKind) => string,
  stepLabel: (k: CaseEventKind) => string,
): string {
  const remedy = RemedyKind.safeParse(kind.replace(/^remedy_/, ''));
  if (kind.startsWith('remedy_') && remedy.success) return remedyLabel(remedy.data);
  const step = CaseEventKind.safeParse(kind);
  return step.success ? stepLabel(step.data) : kind;
}

function eventText(details: Record<string, unknown>): string {
  return ['reasons', 'request', 'result', 'note', 'until', 'approvedByName', 'amountYuan', 'finding', 'basis']
    .map((k) => details[k])
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .join(' · ');
}

function ApplicantLine({ a }: { a: CaseApplicantView }) {
  const { t } = useTranslation();
  const parts = [
    t(`applicantKind.${a.kind}`),
    a.unitName,
    a.name,
    a.relation ? t(`caseRelation.${a.relation}`) : null,
    a.phone,
  ];
  return <span>{parts.filter(Boolean).join(' · ')}</span>;
}

/**
 * One case: facts, deadlines counting down, what 维权办 can do next, and the timeline. A
 * department that reaches it through a task sees its own tasks only and records results.
 */
export function CaseDetail({
  id,
  today,
  manage,
  onChanged,
  refreshKey = '',
}: {
  id: string;
  today: string;
  manage: boolean;
  onChanged: () => void;
  /** Changes when the case may have changed elsewhere (a department's result): read it again. */
  refreshKey?: string;
}) {
  const { t, i18n } = useTranslation();
  const remedyLabel = (k: RemedyKind): string => t(`remedyKind.${k}`);
  const stepLabel = (k: CaseEventKind): string => t(`caseEvent.${k}`);
  const [c, setC] = useState<Case | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<CaseApplicantView | null>(null);
  const load = useCallback(() => {
    casesApi
      .get(id)
      .then((x) => {
        setC(x);
        setError(null);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id changed: forget the other case
  useEffect(() => {
    setC(null);
    setRevealed(null);
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a fresh read on purpose
  useEffect(() => load(), [load, refreshKey]);
  const done = useCallback(() => {
    load();
    onChanged();
  }, [load, onChanged]);

  if (error)
    return (
      <p className="state-msg state-error-inline" role="alert">
        {t('cases.loadError')}: {error}
      </p>
    );
  if (!c) return <p className="state-msg state-loading">{t('cases.loading')}</p>;
  const dl = c.deadlines;
  return (
    <article className="case-detail" data-testid="case-detail" data-case-id={c.id} data-status={c.status}>
      <header className="case-detail-head">
        <h2 className="task-detail-title">
          <span className="mono">{c.reference}</span> · {t(`category.${c.category}`)}
        </h2>
        <span className={`badge case-status case-status-${c.status}`} data-testid="case-status">
          {t(`caseStatus.${c.status}`)}
        </span>
      </header>
      {c.supervision && (
        <p className="case-supervision" data-testid="case-supervision">
          <span className="case-supervised">{t('committee.supervisedBadge')}</span> {c.supervision.note} ·{' '}
          {t('committee.supervisedBy', {
            name: c.supervision.byName ?? c.supervision.by,
            at: new Date(c.supervision.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          })}
        </p>
      )}
      <dl className="facts">
        <Fact label={t('cases.channel')}>{t(`caseChannel.${c.channel}`)}</Fact>
        <Fact label={t('cases.receivedOn')}>{c.receivedOn}</Fact>
        <Fact label={t('cases.applicant')}>
          <ApplicantLine a={revealed ?? c.applicant} />
          {manage && c.applicant.masked && !revealed && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void call(routes.cases.personal, { params: { id: c.id } }).then((r) =>
                  setRevealed(r.applicant),
                )
              }
            >
              {t('cases.reveal')}
            </button>
          )}
        </Fact>
        <Fact label={t('cases.officers')}>
          {c.officers.length === 0
            ? '—'
            : c.officers
                .map((o) =>
                  [o.name, o.auxiliary ? t('cases.auxiliary') : '', o.offDuty ? t('cases.offDuty') : '']
                    .filter(Boolean)
                    .join(' '),
                )
                .join('；')}
        </Fact>
        <Fact label={t('cases.summary')}>{c.summary}</Fact>
        <Fact label={t('cases.deadlineAcceptance')}>
          {dl.acceptance.due} · {t(`caseBasis.${dl.acceptance.basis}`)}{' '}
          {c.status === 'received' && <CaseDeadlineBadge deadline={dl.acceptance} today={today} />}
        </Fact>
        {dl.review && (
          <Fact label={t('cases.deadlineReview')}>
            {dl.review.due} · {t(`caseBasis.${dl.review.basis}`)}
          </Fact>
        )}
        {dl.feedback && (
          <Fact label={t('cases.deadlineFeedback')}>
            {dl.feedback.due} · {t(`caseBasis.${dl.feedback.basis}`)}{' '}
            {c.status === 'accepted' && <CaseDeadlineBadge deadline={dl.feedback} today={today} />}
          </Fact>
        )}
        {c.refusalReasons && <Fact label={t('cases.reasons')}>{c.refusalReasons}</Fact>}
      </dl>
      <div className="case-actions">
        {c.decision && (
          <a
            className="btn btn-small"
            href={casesApi.answerUrl(c.id)}
            target="_blank"
            rel="noreferrer"
            data-testid="case-answer-doc"
          >
            {t('cases.answerDoc')}
          </a>
        )}
        {c.feedbackGivenAt && (
          <a
            className="btn btn-small"
            href={casesApi.feedbackUrl(c.id)}
            target="_blank"
            rel="noreferrer"
            data-testid="case-feedback-doc"
          >
            {t('cases.feedbackDoc')}
          </a>
        )}
      </div>
      {manage && c.status === 'received' && <DecisionForm c={c} onDone={done} />}
      {manage && c.status === 'refused' && <ReviewForm c={c} onDone={done} />}
      <section className="sub" data-testid="case-tasks">
        <h3 className="sub-title">{t('cases.tasksTitle')}</h3>
        {(c.tasks ?? []).length === 0 && <p className="muted">{t('cases.noTasks')}</p>}
        <ul className="rows">
          {(c.tasks ?? []).map((task) => (
            <li key={task.id} className="row case-task" data-testid="case-task" data-status={task.status}>
              <span className="task-kind">{t(`department.${task.departmentId}`)}</span>
              <span>{task.request}</span>
              <span className="muted">
                {task.status === 'done' ? t('cases.taskDone') : t('cases.taskOpen')}
              </span>
              {task.result && <p className="tl-text">{task.result}</p>}
              {task.status === 'open' && <TaskResultForm c={c} taskId={task.id} onDone={done} />}
            </li>
          ))}
        </ul>
        {manage && ['accepted', 'feedback_given', 'reexamination_requested'].includes(c.status) && (
          <TaskForm c={c} onDone={done} />
        )}
      </section>
      {manage && c.status === 'accepted' && <FeedbackForm c={c} onDone={done} />}
      {manage && c.status === 'accepted' && <ExtensionForm c={c} onDone={done} />}
      {manage && (c.status === 'accepted' || c.status === 'feedback_given') && (
        <EscalationForm c={c} onDone={done} />
      )}
      {manage && ['accepted', 'feedback_given', 'reexamination_requested'].includes(c.status) && (
        <RemedyForm c={c} onDone={done} />
      )}
      {/* a department reaching the case through its task sees no timeline, nor the file's evidence */}
      {(c.timeline?.length ?? 0) > 0 && (
        <CaseAttachments caseId={c.id} canAttach={manage && c.status !== 'closed'} />
      )}
      {(c.timeline?.length ?? 0) > 0 && <CaseChecklist c={c} manage={manage} onChanged={done} />}
      {(c.remedies ?? []).length > 0 && (
        <ul className="rows">
          {(c.remedies ?? []).map((r) => (
            <li key={r.id} className="row">
              <span className="task-kind">{t(`remedyKind.${r.kind}`)}</span>
              <span>{eventText(r.details)}</span>
              <span className="muted">
                {t('cases.approver')}: {r.approvedByName}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.timeline && (
        <section className="sub">
          <h3 className="sub-title">{t('cases.timeline')}</h3>
          {c.timeline.length === 0 && <p className="muted">{t('cases.timelineEmpty')}</p>}
          <ol className="timeline" data-testid="case-steps">
            {[...c.timeline].reverse().map((e) => (
              <li key={e.id} className="tl-item">
                <span className="tl-time mono">{formatDateTime(e.at, i18n.language)}</span>
                <span className="tl-kind">{eventLabel(e.kind, remedyLabel, stepLabel)}</span>
                <span className="muted">{e.actorName ?? e.actor}</span>
                {eventText(e.details) && <p className="tl-text">{eventText(e.details)}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
