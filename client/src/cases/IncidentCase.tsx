import { routes } from '@shared/api/routes';
import type { Case } from '@shared/domain/case';
import { chinaDate } from '@shared/domain/caseDeadline';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { CaseDetail } from './CaseDetail';
import { casesApi } from './casesApi';
import { useCaseAction } from './useCaseAction';

/**
 * 维权办's linkage task (第十三条): the incident's case if one is open, or one click that opens it
 * with the incident's facts and officers.
 */
export function IncidentCase({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Case | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    casesApi
      .list({ incidentId })
      .then((r) => setFound(r.cases[0] ?? null))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [incidentId]);
  useEffect(() => {
    setFound(undefined);
    load();
  }, [load]);
  const { busy, error: openError, run } = useCaseAction(load);
  if (error)
    return (
      <p className="state-error-inline" role="alert">
        {t('cases.loadError')}: {error}
      </p>
    );
  if (found === undefined) return <p className="muted">{t('cases.loading')}</p>;
  if (found === null)
    return (
      <div className="incident-case-none" data-testid="incident-case-none">
        <p className="muted">{t('cases.noCaseYet')}</p>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          data-testid="incident-open-case"
          onClick={() => void run(() => call(routes.cases.fromIncident, { body: { incidentId } }))}
        >
          {t('cases.fromIncident')}
        </button>
        {openError && (
          <p className="state-error-inline" role="alert">
            {openError}
          </p>
        )}
      </div>
    );
  return <CaseDetail id={found.id} today={chinaDate()} manage onChanged={load} />;
}
