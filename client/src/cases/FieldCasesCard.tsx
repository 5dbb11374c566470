import './cases.css';
import { routes } from '@shared/api/routes';
import { INFRINGEMENT_CATEGORIES, type InfringementCategory } from '@shared/domain/category';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { usePoll } from '../supervisor/usePoll';
import { CaseDeadlineBadge } from './CaseDeadlineBadge';
import { openDeadline } from './caseSelectors';
import { casesApi } from './casesApi';
import { useCaseAction } from './useCaseAction';

/**
 * The field app's "apply for protection" (第十二条: 警务通“维权申请APP”) and "my applications"
 * with where each stands and, once answered, the written answer.
 */
export function FieldCasesCard() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<InfringementCategory>('threat_harassment');
  const [summary, setSummary] = useState('');
  const [sent, setSent] = useState(false);
  const mine = usePoll(() => casesApi.list(), 60_000, 'my-cases');
  const { busy, error, run } = useCaseAction(mine.reload);
  return (
    <section className="field-card field-cases" aria-labelledby="field-cases-title" data-testid="field-cases">
      <h2 id="field-cases-title" className="field-card-title">
        {t('cases.myApplications')}
      </h2>
      {!open && (
        <button
          type="button"
          className="field-btn"
          onClick={() => {
            setOpen(true);
            setSent(false);
          }}
          data-testid="field-apply"
        >
          {t('cases.apply')}
        </button>
      )}
      {open && (
        <form
          className="case-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!summary.trim()) return;
            void run(() =>
              call(routes.cases.create, {
                body: { channel: 'mobile_app', category, summary: summary.trim() },
              }),
            ).then((ok) => {
              if (!ok) return;
              setOpen(false);
              setSummary('');
              setSent(true);
            });
          }}
        >
          <h3>{t('cases.applyTitle')}</h3>
          <label className="case-field">
            <span>{t('cases.category')}</span>
            <select
              value={category}
              onChange={(e) => setCategory(e.target.value as InfringementCategory)}
              data-testid="field-apply-category"
            >
              {INFRINGEMENT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="case-field">
            <span>{t('cases.summary')}</span>
            <textarea
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              rows={4}
              required
              data-testid="field-apply-summary"
            />
          </label>
          <button type="submit" className="field-btn" disabled={busy} data-testid="field-apply-submit">
            {t('cases.applySubmit')}
          </button>
          {error && (
            <p className="state-error-inline" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      {sent && (
        <p role="status" data-testid="field-applied">
          {t('cases.applied')}
        </p>
      )}
      {mine.status === 'loading' && <p className="muted">{t('cases.loading')}</p>}
      {mine.data && mine.data.cases.length === 0 && <p className="muted">{t('cases.myEmpty')}</p>}
      <ul className="rows">
        {(mine.data?.cases ?? []).map((c) => {
          const d = openDeadline(c);
          return (
            <li key={c.id} className="row" data-testid="field-case" data-status={c.status}>
              <span className="mono">{c.reference}</span>
              <span>{t(`categoryShort.${c.category}`)}</span>
              <span>{t(`caseStatus.${c.status}`)}</span>
              {d && mine.data && <CaseDeadlineBadge deadline={d} today={mine.data.today} />}
              {c.decision && (
                <a href={casesApi.answerUrl(c.id)} target="_blank" rel="noreferrer">
                  {t('cases.answerDoc')}
                </a>
              )}
              {c.feedbackGivenAt && (
                <a href={casesApi.feedbackUrl(c.id)} target="_blank" rel="noreferrer">
                  {t('cases.feedbackDoc')}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
