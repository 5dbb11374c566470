import './field.css';
import type { MeResponse } from '@shared/api/auth';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldCasesCard } from '../cases/FieldCasesCard';
import { LanguageButton } from '../common/LanguageButton';
import { useStore } from '../common/store';
import { logOut } from '../session/sessionStore';
import { AssignmentAlert, AssignmentCard } from './AssignmentViews';
import { queueStore, retryNow } from './actionQueue';
import { EvidenceCard } from './EvidenceCard';
import { startAssignmentAlert, stopAssignmentAlert, unlockFieldAudio } from './fieldAlert';
import {
  dismissNotice,
  type FieldState,
  fieldStore,
  fireSos,
  onDuty,
  openAssignments,
  ringing,
  setCovert,
  setDuty,
  startField,
} from './fieldStore';
import { HoldButton } from './HoldButton';
import { enablePush, pushStore, registerFieldWorker } from './push';
import { SosOverlay } from './SosOverlay';

const selectField = (s: FieldState | null) => s;
const selectQueue = (s: ReturnType<typeof queueStore.get>) => s;
const selectPush = (s: ReturnType<typeof pushStore.get>) => s;

function Header({ state }: { state: FieldState }) {
  const { t } = useTranslation();
  const queue = useStore(queueStore, selectQueue);
  const conn = state.connection;
  return (
    <header className="field-header">
      <div className="fh-who">
        <p className="fh-callsign" data-testid="field-callsign">
          {state.unit?.callSign ?? state.user.username}
        </p>
        <p className="fh-name">{state.user.displayName}</p>
      </div>
      <output className={`fh-conn conn-${conn}`} data-testid="field-connection" data-state={conn}>
        {conn === 'live'
          ? t('field.connLive')
          : conn === 'offline'
            ? t('field.connOffline')
            : t('field.connConnecting')}
      </output>

      {queue.actions.length > 0 && (
        <div className="fh-queue" role="status" data-testid="field-queue" data-count={queue.actions.length}>
          <span className="fh-queue-count">{t('field.queued', { count: queue.actions.length })}</span>
          <span className="fh-queue-why">
            {queue.waiting === 'network'
              ? t('field.queueNetwork')
              : queue.waiting === 'server'
                ? t('field.queueServer')
                : ''}
          </span>
          <button type="button" className="field-btn field-btn-small" onClick={retryNow}>
            {t('field.sendNow')}
          </button>
        </div>
      )}
    </header>
  );
}

function StatusCard({ state }: { state: FieldState }) {
  const { t } = useTranslation();
  const push = useStore(pushStore, selectPush);
  const duty = onDuty(state);
  const busy = state.unit ? ['assigned', 'en_route', 'on_scene'].includes(state.unit.status) : false;
  const geoText = {
    off: t('field.geoOff'),
    waiting: t('field.geoWaiting'),
    ok: t('field.geoOk', { metres: Math.round(state.fix?.accuracyM ?? 0) }),
    denied: t('field.geoDenied'),
    unavailable: t('field.geoUnavailable'),
  }[state.geo];
  const pushText = {
    off: t('field.pushOff'),
    working: t('field.pushWorking'),
    on: t('field.pushOn'),
    denied: t('field.pushDenied'),
    failed: t('field.pushFailed'),
    unsupported: t('field.pushUnsupported'),
  }[push];
  return (
    <section className="field-card" aria-labelledby="status-title" data-testid="status-card">
      <div className="card-head">
        <h2 id="status-title" className="card-title">
          {t('field.statusTitle')}
        </h2>
        {state.unit && (
          <span
            className={`ustatus ustatus-${state.unit.status}`}
            data-testid="unit-status"
            data-status={state.unit.status}
          >
            {t(`unitStatus.${state.unit.status}`)}
          </span>
        )}
      </div>
      <div className="duty-row">
        <button
          type="button"
          className={`field-btn ${duty ? 'field-btn-plain' : 'field-btn-go'}`}
          onClick={() => setDuty(!duty)}
          disabled={!state.unit || (duty && busy)}
          title={duty ? t('field.goOffDutyLabel') : t('field.goOnDutyLabel')}
          data-testid="duty-toggle"
        >
          {duty ? t('field.goOffDuty') : t('field.goOnDuty')}
        </button>
        <p className={`geo geo-${state.geo}`} data-testid="geo-state" data-state={state.geo}>
          {geoText}
        </p>
      </div>
      <button
        type="button"
        className={`push-line push-${push}`}
        onClick={() => void enablePush()}
        disabled={push !== 'off' && push !== 'failed'}
        data-testid="push-toggle"
        data-state={push}
      >
        {pushText}
      </button>
    </section>
  );
}

/** The field app: what a unit's officer has on the phone (issue #6). */
export function FieldApp({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const state = useStore(fieldStore, selectField);

  useEffect(() => startField(me.user), [me.user]);
  useEffect(() => {
    document.title = `${t('field.title')} · ${t('app.bureau')}`;
  }, [t]);
  useEffect(() => {
    void registerFieldWorker();
    const unlock = () => unlockFieldAudio();
    window.addEventListener('pointerdown', unlock, true);
    return () => window.removeEventListener('pointerdown', unlock, true);
  }, []);

  const notice = state?.notice ?? null;
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismissNotice, 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const waiting = state ? ringing(state) : [];
  // A covert SOS in progress keeps the phone silent and dark, whatever else arrives.
  const covertSos = state !== null && state.sos.phase !== 'idle' && state.sos.covert;
  const alerting = waiting.length > 0 && !covertSos;
  useEffect(() => {
    if (alerting) startAssignmentAlert();
    else stopAssignmentAlert();
    return stopAssignmentAlert;
  }, [alerting]);

  if (!state?.loaded) {
    return (
      <main className="field-splash" aria-busy="true">
        <p>{state?.loadError ? t('field.loadFailed') : t('field.loading')}</p>
      </main>
    );
  }

  const current = openAssignments(state)[0];
  return (
    <div className="field-app" data-testid="field-app">
      <Header state={state} />
      <main className="field-main">
        <StatusCard state={state} />
        <AssignmentCard state={state} assignment={current} />
        <EvidenceCard state={state} />
        <FieldCasesCard />
        {/* Rarely needed on a shift: kept out of the header, below everything else. */}
        <section className="field-card field-settings" aria-label={t('header.language')}>
          <LanguageButton className="field-btn field-btn-small" />
          <button type="button" className="field-btn field-btn-small" onClick={() => void logOut()}>
            {t('field.logoutLabel')}
          </button>
        </section>
      </main>
      <footer className={`sos-dock ${state.covert ? 'is-covert' : ''}`}>
        <label className="covert-toggle" title={t('field.covertHint')}>
          <input
            type="checkbox"
            checked={state.covert}
            onChange={(e) => setCovert(e.target.checked)}
            data-testid="covert-toggle"
          />
          <span>{t('field.covert')}</span>
        </label>
        <HoldButton onFire={fireSos} covert={state.covert} disabled={state.sos.phase === 'countdown'} />
      </footer>
      {state.notice && (
        <div className="field-notice" role="status" data-testid="field-notice" data-kind={state.notice.kind}>
          <p>
            {state.notice.kind === 'sosCancelled'
              ? t('field.sosCancelled')
              : state.notice.kind === 'dutyRefused'
                ? t('field.dutyRefused', { message: state.notice.message })
                : t('field.refused', { message: state.notice.message })}
          </p>
          <button type="button" className="field-btn field-btn-small" onClick={dismissNotice}>
            {t('field.dismiss')}
          </button>
        </div>
      )}
      {state.sos.phase !== 'idle' && <SosOverlay sos={state.sos} />}
      {waiting.length > 0 && state.sos.phase === 'idle' && (
        <AssignmentAlert state={state} waiting={waiting} />
      )}
    </div>
  );
}
