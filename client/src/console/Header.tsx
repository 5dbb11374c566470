import type { MeResponse } from '@shared/api/auth';
import { relayLagLevel } from '@shared/events/relayLag';
import { useTranslation } from 'react-i18next';
import { setSoundWanted, soundStore, unlockAudio } from '../audio/alarmSound';
import { useNow } from '../common/clock';
import { Emblem } from '../common/Emblem';
import { LanguageButton } from '../common/LanguageButton';
import { useStore } from '../common/store';
import { formatClock, formatDate } from '../format';
import { logOut } from '../session/sessionStore';
import { ViewSwitch } from '../supervisor/ViewSwitch';
import type { ConsoleState } from './consoleState';
import { configStore, consoleStore } from './consoleStore';
import { openDialog } from './uiStore';

const selectConnection = (s: ConsoleState) => s.connection;
const selectSystem = (s: ConsoleState) => s.system;
const selectSound = (s: ReturnType<typeof soundStore.get>) => s;
const selectDemo = (s: ReturnType<typeof configStore.get>) => s.status !== 'loading' && s.config.demo;

function Clock() {
  const { t, i18n } = useTranslation();
  const now = useNow();
  return (
    <div className="clock">
      <time className="clock-time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, i18n.language)}
      </time>
      <span className="clock-date">
        {formatDate(now, i18n.language)} · {t('header.clockLabel')}
      </span>
    </div>
  );
}

function ConnectionPill() {
  const { t } = useTranslation();
  const connection = useStore(consoleStore, selectConnection);
  const system = useStore(consoleStore, selectSystem);
  const lagS = system ? Math.round(system.relayLagMs / 1000) : 0;
  return (
    <div className="conn-group">
      <output className={`conn conn-${connection}`} data-testid="connection-state" data-state={connection}>
        <span className="conn-dot" aria-hidden="true" />
        {t(`connection.${connection}`)}
      </output>
      {system?.redis === 'down' && <span className="sys-warn">{t('header.redisDown')}</span>}
      {system?.database === 'down' && <span className="sys-warn">{t('header.databaseDown')}</span>}
      {system && system.outbox.deadLettered > 0 && (
        <span className="sys-warn" data-testid="dead-lettered">
          {t('header.deadLettered', { count: system.outbox.deadLettered })}
        </span>
      )}
      {system && system.redis === 'up' && relayLagLevel(system.relayLagMs) !== 'ok' && (
        <span className="sys-warn">{t('header.relayLag', { seconds: lagS })}</span>
      )}
    </div>
  );
}

/** A speaker with waves (on) or a cross (off); drawn inline, no icon font or emoji needed. */
export function SpeakerIcon({ on }: { on: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="icon">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      {on ? (
        <path
          d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
          stroke="currentColor"
          strokeWidth="2"
          fill="none"
          strokeLinecap="round"
        />
      ) : (
        <path d="m16 9 6 6m0-6-6 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}

export function SoundButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const sound = useStore(soundStore, selectSound);
  if (!sound.supported) {
    return compact ? null : <span className="sound-off-note">{t('header.soundUnavailable')}</span>;
  }
  if (sound.wanted && !sound.unlocked) {
    return (
      <button
        type="button"
        className="btn btn-warn"
        onClick={() => void unlockAudio()}
        title={t('header.enableSoundLabel')}
        data-testid="sound-enable"
      >
        <SpeakerIcon on={false} />
        {t('header.enableSound')}
      </button>
    );
  }
  if (compact) return null;
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-pressed={sound.wanted}
      title={sound.wanted ? t('header.soundOnLabel') : t('header.soundOffLabel')}
      onClick={() => void setSoundWanted(!sound.wanted)}
      data-testid="sound-toggle"
    >
      <SpeakerIcon on={sound.wanted} />
      {sound.wanted ? t('header.soundOn') : t('header.soundOff')}
    </button>
  );
}

export function Header({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const demo = useStore(configStore, selectDemo);
  // Department staff work an inbox: no alarm tone, no console keys; their own department's name.
  const departmentId = me.user.role === 'department_staff' ? me.user.departmentId : null;
  // The committee works cases, not the console: no alarm tone, no console keys either.
  const committee = me.user.role === 'committee';
  const quiet = departmentId !== null || committee;
  return (
    <header className="app-header">
      <div className="brand">
        <Emblem size={44} />
        <div className="brand-text">
          <h1 className="brand-title">
            {t('app.bureau')}{' '}
            <strong>
              {departmentId
                ? t(`department.${departmentId}`)
                : committee
                  ? t('committee.title')
                  : t('app.centre')}
            </strong>
          </h1>
          <p className="brand-sub">
            {t('app.product')}
            {demo && <span className="demo-badge">{t('header.demo')}</span>}
          </p>
        </div>
      </div>
      {me.user.role === 'supervisor' && <ViewSwitch />}
      <Clock />
      <nav className="header-tools" aria-label={t('header.user')}>
        {/* The committee's page polls and holds no live connection: a pill would always say connecting. */}
        {!committee && <ConnectionPill />}
        {!quiet && <SoundButton />}
        <LanguageButton />
        {!quiet && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => openDialog('help')}
            aria-label={t('header.helpLabel')}
            data-testid="help-button"
          >
            {t('header.help')} <kbd>?</kbd>
          </button>
        )}
        <span className="user" data-testid="current-user">
          <span className="visually-hidden">{t('header.user')}: </span>
          <span className="user-name">{me.user.displayName}</span>
          <span className="user-role">{t(`role.${me.user.role}`)}</span>
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => void logOut()}
          data-testid="logout-button"
        >
          {t('header.logout')}
        </button>
      </nav>
    </header>
  );
}
