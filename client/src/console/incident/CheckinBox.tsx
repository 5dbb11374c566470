import type { Incident } from '@shared/domain/incident';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../common/store';
import { formatDuration } from '../../format';
import type { ConsoleState } from '../consoleState';
import { actions, consoleStore } from '../consoleStore';

export function CheckinBox({ incident, now }: { incident: Incident; now: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const missed = useStore(
    consoleStore,
    useCallback((s: ConsoleState) => s.checkinAlarms.has(incident.id), [incident.id]),
  );
  const left = incident.checkInDueAt ? Date.parse(incident.checkInDueAt) - now : Number.NaN;
  const overdue = missed || left < 0;
  return (
    <div className={`checkin ${overdue ? 'is-overdue' : ''}`} data-testid="checkin-box">
      <span className="checkin-label">{t('checkin.due')}</span>
      <span className="checkin-time mono">
        {Number.isNaN(left)
          ? '—'
          : left < 0
            ? t('checkin.overdue', { time: formatDuration(-left) })
            : t('checkin.dueIn', { time: formatDuration(left) })}
      </span>
      {missed && <span className="badge badge-distress">{t('alarm.checkinTitle')}</span>}
      <button
        type="button"
        className={`btn btn-small ${overdue ? 'btn-danger' : ''}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await actions.checkIn(incident);
          setBusy(false);
        }}
        data-testid="checkin-button"
      >
        {busy ? t('checkin.confirming') : t('checkin.confirm')}
      </button>
    </div>
  );
}
