import { routes } from '@shared/api/routes';
import type { Case } from '@shared/domain/case';
import type { CaseCheckpointState, CaseChecklist as Checklist } from '@shared/domain/caseCheckpoint';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { currentLanguage } from '../i18n';

function label(c: Pick<CaseCheckpointState, 'labelZh' | 'labelEn'>): string {
  return currentLanguage() === 'en' ? c.labelEn : c.labelZh;
}

function ConfirmForm({
  caseId,
  checkpointId,
  onDone,
}: {
  caseId: string;
  checkpointId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="case-check-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        call(routes.cases.confirmCheckpoint, { params: { id: caseId, checkpointId }, body: { note } })
          .then(() => {
            setNote('');
            onDone();
          })
          .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
      }}
    >
      <input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('checklist.notePlaceholder')}
        aria-label={t('checklist.note')}
        required
      />
      <button type="submit" className="btn btn-small">
        {t('checklist.confirm')}
      </button>
      {error && <span className="state-error-inline">{error}</span>}
    </form>
  );
}

/**
 * The checkpoints before closing (issue #13 item 5): each passed or not, and a close button
 * whose refusal names what is missing, as the server lists it.
 */
export function CaseChecklist({ c, manage, onChanged }: { c: Case; manage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [list, setList] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; missing: string[] } | null>(null);
  const load = useCallback(() => {
    call(routes.cases.checklist, { params: { id: c.id } })
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [c.id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the case changed: read its checkpoints again
  useEffect(() => load(), [load, c.updatedAt]);

  const close = () => {
    setRefusal(null);
    call(routes.cases.close, { params: { id: c.id }, body: {} })
      .then(() => onChanged())
      .catch((err) => {
        if (err instanceof ApiError)
          setRefusal({ message: err.message, missing: (err.details ?? []).map((d) => d.message) });
        else setRefusal({ message: String(err), missing: [] });
        load();
      });
  };

  return (
    <section className="sub case-checklist" data-testid="case-checklist">
      <h3 className="sub-title">
        {t('checklist.title')}
        {list && (
          <span className={`badge ${list.ready ? 'is-ready' : 'is-missing'}`} data-testid="checklist-ready">
            {list.ready
              ? t('checklist.ready')
              : t('checklist.missing', { count: list.checkpoints.filter((x) => !x.passed).length })}
          </span>
        )}
      </h3>
      {error && (
        <p className="state-error-inline" role="alert">
          {error}
        </p>
      )}
      {!list && !error && <p className="muted">{t('cases.loading')}</p>}
      <ul className="case-checks">
        {(list?.checkpoints ?? []).map((x) => (
          <li
            key={x.id}
            className={`case-check ${x.passed ? 'is-passed' : 'is-missing'}`}
            data-testid="case-check"
            data-checkpoint={x.id}
            data-passed={x.passed}
          >
            <span className="case-check-mark" aria-hidden="true">
              {x.passed ? '✓' : '✗'}
            </span>
            <span>{label(x)}</span>
            <span className="muted">
              {!x.applies
                ? t('checklist.notApplicable')
                : x.confirmation
                  ? `${x.confirmation.byName}: ${x.confirmation.note}`
                  : (x.detail ?? '')}
            </span>
            {manage && c.status !== 'closed' && x.kind === 'confirmed' && !x.passed && (
              <ConfirmForm caseId={c.id} checkpointId={x.id} onDone={load} />
            )}
          </li>
        ))}
      </ul>
      {manage && c.status !== 'closed' && (
        <button type="button" className="btn" onClick={close} data-testid="case-close">
          {t('checklist.close')}
        </button>
      )}
      {refusal && (
        <div className="case-close-refusal" role="alert" data-testid="case-close-refusal">
          <p>{t('checklist.refused')}</p>
          <ul>
            {refusal.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
