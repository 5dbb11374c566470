import './cases.css';
import { deadlineState } from '@shared/domain/caseDeadline';
import { useTranslation } from 'react-i18next';
import { usePoll } from '../supervisor/usePoll';
import { CaseDeadlineBadge } from './CaseDeadlineBadge';
import { openDeadline } from './caseSelectors';
import { casesApi } from './casesApi';

/** The supervisor view's case deadlines: overdue red, due soon amber (第十四条, 第十六条). */
export function SupervisorCases() {
  const { t } = useTranslation();
  const list = usePoll(() => casesApi.deadlines(), 30_000, 'sup-cases');
  const today = list.data?.today ?? '';
  // The route lists open cases only (received or accepted), without their content.
  const pressing = (list.data?.cases ?? []).filter((c) => {
    const d = openDeadline(c);
    return d !== null && deadlineState(d.due, today) !== 'ok';
  });
  const overdue = pressing.filter((c) => (openDeadline(c)?.due ?? '') < today).length;
  return (
    <section className="sup-panel sup-cases" aria-labelledby="sup-cases-title" data-testid="sup-cases">
      <div className="sup-head">
        <h2 id="sup-cases-title" className="sup-title">
          {t('cases.supervisorTitle')}
        </h2>
        {overdue > 0 && (
          <span className="sup-overdue-pill" data-testid="sup-cases-overdue">
            {t('cases.overdueCases', { count: overdue })}
          </span>
        )}
      </div>
      {list.status === 'loading' && <p className="state-msg state-loading">{t('cases.loading')}</p>}
      {list.status === 'error' && (
        <p className="state-error-inline" role="alert">
          {t('cases.loadError')}: {list.error}
        </p>
      )}
      {list.data && pressing.length === 0 && <p className="muted">{t('cases.supervisorEmpty')}</p>}
      <ul className="sup-task-list">
        {pressing.map((c) => {
          const d = openDeadline(c);
          return (
            <li
              key={c.id}
              className={`sup-case ${d && d.due < today ? 'is-overdue' : 'is-due-soon'}`}
              data-testid="sup-case"
              data-case-id={c.id}
            >
              <span className="mono">{c.reference}</span>
              <span>{t(`categoryShort.${c.category}`)}</span>
              <span className="muted">{t(`caseStatus.${c.status}`)}</span>
              {d && <CaseDeadlineBadge deadline={d} today={today} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
