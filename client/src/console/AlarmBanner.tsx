import type { Incident } from '@shared/domain/incident';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { soundStore, startAlarm, stopAlarm, unlockAudio } from '../audio/alarmSound';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import { formatDuration } from '../format';
import { actions, consoleStore, onDistressAlarm } from './consoleStore';
import { SpeakerIcon } from './Header';
import { selectAlarms } from './selectors';
import { selectIncident, uiStore } from './uiStore';

const selectSound = (s: ReturnType<typeof soundStore.get>) => s;

/**
 * Sounds the tone while any distress alert is unacknowledged, on every console: the banner and
 * the tone are derived from the incidents themselves, so when anyone acknowledges (the status
 * leaves `new`), the event clears them everywhere. A new alarm is selected if nothing else is.
 */
export function useAlarmController(): void {
  const alarms = useStore(consoleStore, selectAlarms);
  const sound = useStore(soundStore, selectSound);
  const seen = useRef<Set<string>>(new Set());
  const active = alarms.length > 0;

  useEffect(() => {
    if (active && sound.wanted) startAlarm();
    else stopAlarm();
  }, [active, sound.wanted]);

  useEffect(() => () => stopAlarm(), []);

  useEffect(() => {
    for (const a of alarms) {
      const key = `${a.kind}:${a.incident.id}:${a.since}`;
      if (seen.current.has(key)) continue;
      seen.current.add(key);
      if (!uiStore.get().selectedIncidentId) selectIncident(a.incident.id);
    }
  }, [alarms]);

  useEffect(
    () =>
      onDistressAlarm((incident: Incident) => {
        if (!uiStore.get().selectedIncidentId && incident.status === 'new') selectIncident(incident.id);
      }),
    [],
  );
}

export function AlarmBanner() {
  const { t } = useTranslation();
  const alarms = useStore(consoleStore, selectAlarms);
  const sound = useStore(soundStore, selectSound);
  const now = useNow();
  const top = alarms[0];
  if (!top) return null;
  const first = top.incident;
  const checkin = top.kind === 'checkin_missed';
  const waiting = now - top.since;
  const needsSound = sound.supported && sound.wanted && !sound.unlocked;

  return (
    <section
      className="alarm"
      aria-label={t('alarm.title')}
      data-testid="alarm-banner"
      data-incident-id={first.id}
      data-kind={top.kind}
      data-count={alarms.length}
    >
      <div className="alarm-flash" aria-hidden="true" />
      <svg
        className="alarm-icon"
        width="44"
        height="44"
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M12 2 1 21h22z" fill="#fff" />
        <path d="M12 9v6m0 2.5v.5" stroke="#c8102e" strokeWidth="2.4" strokeLinecap="round" />
      </svg>
      <div className="alarm-main" role="alert">
        <p className="alarm-title">
          {checkin ? t('alarm.checkinTitle') : t('alarm.title')} · {t(`categoryShort.${first.category}`)}
          <span className="alarm-ref"> {first.reference}</span>
          {!checkin && first.unackedStep && (
            <span className="alarm-step"> · {t(`unackedStep.${first.unackedStep}`)}</span>
          )}
        </p>
        <p className="alarm-address">{first.address ?? t('alarm.noAddress')}</p>
      </div>
      <div className="alarm-timer">
        <span className="alarm-timer-label">
          {checkin ? t('alarm.sinceMissed') : t('alarm.unacknowledged')}
        </span>
        <span className="alarm-timer-value" data-testid="alarm-timer">
          {Number.isNaN(waiting) ? '—' : formatDuration(waiting)}
        </span>
      </div>
      {alarms.length > 1 && <p className="alarm-more">{t('alarm.more', { count: alarms.length - 1 })}</p>}
      <div className="alarm-actions">
        {checkin ? (
          <button
            type="button"
            className="btn btn-alarm"
            onClick={() => {
              selectIncident(first.id);
              void actions.checkIn(first);
            }}
            data-testid="alarm-checkin-button"
          >
            {t('checkin.confirm')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-alarm"
            onClick={() => {
              selectIncident(first.id);
              void actions.acknowledge(first);
            }}
            data-testid="alarm-acknowledge-button"
          >
            {t('alarm.acknowledge')}
          </button>
        )}
        <button type="button" className="btn btn-alarm-ghost" onClick={() => selectIncident(first.id)}>
          {t('alarm.view')}
        </button>
        {needsSound && (
          <button
            type="button"
            className="btn btn-alarm-ghost"
            onClick={() => void unlockAudio()}
            data-testid="alarm-enable-sound"
          >
            <SpeakerIcon on={false} />
            {t('alarm.enableSound')}
          </button>
        )}
      </div>
    </section>
  );
}
