import '../committee/committee.css';
import './cases.css';
import type { Case } from '@shared/domain/case';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePoll } from '../supervisor/usePoll';
import { WarningsPanel } from '../warnings/WarningsPanel';
import { CaseDeadlineBadge } from './CaseDeadlineBadge';
import { CaseDetail } from './CaseDetail';
import { type CaseFilter, filterCases, openDeadline } from './caseSelectors';
import { casesApi } from './casesApi';
import { NewCaseForm } from './NewCaseForm';

function CaseRow({
  c,
  today,
  selected,
  onSelect,
}: {
  c: Case;
  today: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const d = openDeadline(c);
  return (
    <li>
      <button
        type="button"
        className={`case-row ${selected ? 'is-selected' : ''}`}
        onClick={onSelect}
        data-testid="case-row"
        data-case-id={c.id}
        data-status={c.status}
      >
        <span className="mono">{c.reference}</span>
        <span>{t(`categoryShort.${c.category}`)}</span>
        <span className="muted">{t(`caseStatus.${c.status}`)}</span>
        {d && <CaseDeadlineBadge deadline={d} today={today} />}
        {c.supervision && (
          <span className="case-supervised" data-testid="case-supervised" title={c.supervision.note}>
            {t('committee.supervisedBadge')}
          </span>
        )}
      </button>
    </li>
  );
}

/**
 * 维权办's workspace: every case with its countdown, filtered to what is due; the case page with
 * its forms and documents. Other departments see here only the cases given to them by a task.
 */
export function CaseWorkspace({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CaseFilter>(manage ? 'open' : 'all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // Choosing a case (again) reads it afresh; so does a newer version in the polled list.
  const [kick, setKick] = useState(0);
  const list = usePoll(() => casesApi.list(), 15_000, 'cases');
  const today = list.data?.today ?? '';
  const shown = useMemo(() => filterCases(list.data?.cases ?? [], filter, today), [list.data, filter, today]);
  const reload = list.reload;
  const changed = useCallback(() => reload(), [reload]);
  // A case a warning points to opens here, whatever the filter shows.
  const warningLinks = useMemo(
    () => ({
      case: (id: string) => {
        setFilter('all');
        setCreating(false);
        setSelectedId(id);
        setKick((k) => k + 1);
      },
    }),
    [],
  );
  return (
    <div className="dept-cols case-workspace" data-testid="case-workspace">
      <section className="col dept-col-list panel" aria-labelledby="cases-title">
        {manage && <WarningsPanel className="case-warnings" links={warningLinks} />}
        <div className="panel-head">
          <h2 id="cases-title" className="panel-title">
            {manage ? t('cases.listTitle') : t('cases.deptCasesTitle')}
          </h2>
          {manage && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setCreating((x) => !x)}
              data-testid="case-new"
            >
              {t('cases.newCase')}
            </button>
          )}
        </div>
        <fieldset className="case-filters">
          {(['open', 'overdue', 'all'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className={`btn btn-small ${filter === f ? 'is-active' : ''}`}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {t(`cases.filter${f === 'open' ? 'Open' : f === 'overdue' ? 'Overdue' : 'All'}`)}
            </button>
          ))}
        </fieldset>
        {list.status === 'loading' && <p className="state-msg state-loading">{t('cases.loading')}</p>}
        {list.status === 'error' && (
          <p className="state-error-inline" role="alert">
            {t('cases.loadError')}: {list.error}
          </p>
        )}
        {list.data && shown.length === 0 && (
          <div className="state-msg state-empty">
            <p className="state-empty-title">{t('cases.empty')}</p>
            <p>{t('cases.emptyHint')}</p>
          </div>
        )}
        <ul className="case-list">
          {shown.map((c) => (
            <CaseRow
              key={c.id}
              c={c}
              today={today}
              selected={c.id === selectedId}
              onSelect={() => {
                setSelectedId(c.id);
                setKick((k) => k + 1);
              }}
            />
          ))}
        </ul>
      </section>
      <section className="col dept-col-detail panel" aria-label={t('cases.title')}>
        <div className="inbox-detail-scroll">
          {creating && (
            <NewCaseForm
              onCreated={(id) => {
                setCreating(false);
                setSelectedId(id);
                reload();
              }}
            />
          )}
          {!creating && selectedId && (
            <CaseDetail
              id={selectedId}
              today={today}
              manage={manage}
              onChanged={changed}
              refreshKey={`${kick}|${list.data?.cases.find((c) => c.id === selectedId)?.updatedAt ?? ''}`}
            />
          )}
          {!creating && !selectedId && (
            <div className="state-msg state-empty">
              <p className="state-empty-title">{t('cases.noneSelected')}</p>
            </div>
          )}
        </div>
      </section>
    </div>
  );
}
