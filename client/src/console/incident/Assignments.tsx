import type { Incident } from '@shared/domain/incident';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitStatusDot } from '../../common/badges';
import { useStore } from '../../common/store';
import { formatDateTime, shortId } from '../../format';
import type { ConsoleState } from '../consoleState';
import { consoleStore } from '../consoleStore';
import { selectAssignmentsFor } from '../selectors';

const selectUnits = (s: ConsoleState) => s.units;

export function Assignments({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const select = useCallback((s: ConsoleState) => selectAssignmentsFor(s, incident.id), [incident.id]);
  const assignments = useStore(consoleStore, select);
  const units = useStore(consoleStore, selectUnits);
  return (
    <section className="sub" aria-labelledby="assign-title">
      <h3 id="assign-title" className="sub-title">
        {t('assignments.title')}
      </h3>
      {incident.pagedUnitIds.length > 0 && (
        <p className="paged">
          {t('checkin.paged')}:{' '}
          {incident.pagedUnitIds.map((id) => units.get(id)?.callSign ?? shortId(id)).join(', ')}
        </p>
      )}
      {assignments.length === 0 ? (
        <p className="muted">{t('assignments.none')}</p>
      ) : (
        <ul className="rows" data-testid="assignments">
          {assignments.map((a) => {
            const unit = units.get(a.unitId);
            return (
              <li key={a.id} className="row" data-testid="assignment">
                {unit && <UnitStatusDot status={unit.status} />}
                <span className="callsign">{unit?.callSign ?? shortId(a.unitId)}</span>
                <span className={`badge badge-assign astatus-${a.status}`}>
                  {t(`assignmentStatus.${a.status}`)}
                </span>
                <span className="muted mono">
                  {t('assignments.dispatchedAt', { time: formatDateTime(a.dispatchedAt, i18n.language) })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
