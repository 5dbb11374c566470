import '../styles/frame.css';
import '../styles/map.css';
import './console.css';
import type { MeResponse } from '@shared/api/auth';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { AlarmBanner, useAlarmController } from './AlarmBanner';
import { AlertQueue } from './AlertQueue';
import { startConsole } from './consoleStore';
import { CloseDialog, DispatchDialog, HelpDialog } from './Dialogs';
import { Header } from './Header';
import { IncidentPanel } from './IncidentPanel';
import { MapView } from './map/MapView';
import { StaleNotice, useIsLive } from './StaleNotice';
import { Toasts } from './Toasts';
import { UnitsPanel } from './UnitsPanel';
import { resetUi, type UiState, uiStore } from './uiStore';
import { useShortcuts } from './useShortcuts';

const selectIncidentId = (s: UiState) => s.selectedIncidentId;
const selectSearchFocus = (s: UiState) => s.unitSearchFocusRequest;

/**
 * With an incident selected, the incident panel takes the whole right column (its dispatched
 * units must be in view at 1920×1080 without scrolling) and the units list folds to one bar;
 * the bar, or `/`, opens it again.
 */
function useUnitsFold(): { foldable: boolean; folded: boolean; toggle: () => void } {
  const incidentId = useStore(uiStore, selectIncidentId);
  const searchFocus = useStore(uiStore, selectSearchFocus);
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another incident folds the list again
  useEffect(() => setOpen(false), [incidentId]);
  useEffect(() => {
    if (searchFocus === 0) return;
    setOpen(true);
    // The search box was hidden when `/` asked for it: focus it once it is shown.
    requestAnimationFrame(() => document.getElementById('unit-search')?.focus());
  }, [searchFocus]);
  const foldable = incidentId !== null;
  return { foldable, folded: foldable && !open, toggle: () => setOpen((o) => !o) };
}

/**
 * The dispatch console. `alternate` replaces its three columns with another view over the same
 * live data (the supervisor view): header, alarm banner, dialogs and the data stay running.
 */
export function ConsolePage({ me, alternate }: { me: MeResponse; alternate?: ReactNode }) {
  const { t } = useTranslation();
  const userId = me.user.id;
  const live = useIsLive();
  const units = useUnitsFold();

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
        {alternate ?? (
          <div className="console-cols">
            <section className="col col-queue" aria-labelledby="queue-title">
              <AlertQueue />
            </section>
            <section className="col col-map" aria-label={t('map.label')}>
              <MapView />
            </section>
            <div className={`col col-side ${units.folded ? 'units-folded' : ''}`}>
              <section className="panel panel-incident" aria-labelledby="incident-title">
                <IncidentPanel />
              </section>
              {units.foldable && (
                <button
                  type="button"
                  className="units-fold-toggle"
                  aria-expanded={!units.folded}
                  aria-controls="units-panel"
                  onClick={units.toggle}
                  data-testid="units-fold-toggle"
                >
                  {units.folded ? t('units.unfold') : t('units.fold')}
                </button>
              )}
              <section id="units-panel" className="panel panel-units" aria-labelledby="units-title">
                <UnitsPanel />
              </section>
            </div>
          </div>
        )}
      </main>
      <Toasts />
      <HelpDialog />
      <CloseDialog />
      <DispatchDialog />
    </div>
  );
}
