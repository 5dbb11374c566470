import type { MeResponse } from '@shared/api/auth';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { MapView } from '../map/MapView';
import { startConsole } from '../state/consoleStore';
import { resetUi } from '../state/uiStore';
import { AlarmBanner, useAlarmController } from './AlarmBanner';
import { AlertQueue } from './AlertQueue';
import { CloseDialog, DispatchDialog, HelpDialog } from './Dialogs';
import { Header } from './Header';
import { IncidentPanel } from './IncidentPanel';
import { StaleNotice, useIsLive } from './StaleNotice';
import { Toasts } from './Toasts';
import { UnitsPanel } from './UnitsPanel';
import { useShortcuts } from './useShortcuts';

export function ConsolePage({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const userId = me.user.id;
  const live = useIsLive();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a different user gets a fresh console
  useEffect(() => {
    resetUi();
    return startConsole();
  }, [userId]);

  useEffect(() => {
    document.title = `${t('app.bureau')} ${t('app.centre')} · ${t('app.product')}`;
  }, [t]);

  useShortcuts();
  useAlarmController();

  return (
    <div className="console">
      <a className="skip-link" href="#console-main">
        {t('app.skipToMain')}
      </a>
      <AlarmBanner />
      <Header me={me} />
      <main id="console-main" className={`console-main ${live ? '' : 'is-stale'}`} tabIndex={-1}>
        <StaleNotice />
        <div className="console-cols">
          <section className="col col-queue" aria-labelledby="queue-title">
            <AlertQueue />
          </section>
          <section className="col col-map" aria-label={t('map.label')}>
            <MapView />
          </section>
          <div className="col col-side">
            <section className="panel panel-incident" aria-labelledby="incident-title">
              <IncidentPanel />
            </section>
            <section className="panel panel-units" aria-labelledby="units-title">
              <UnitsPanel />
            </section>
          </div>
        </div>
      </main>
      <Toasts />
      <HelpDialog />
      <CloseDialog />
      <DispatchDialog />
    </div>
  );
}
