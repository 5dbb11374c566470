import { TERMINAL_STATUSES } from '@shared/domain/incidentStatus';
import { useEffect } from 'react';
import { i18n, toggleLanguage } from '../i18n';
import { isTypingTarget } from '../keyboard';
import { focusAlertItem } from './AlertQueue';
import { actions, consoleStore } from './consoleStore';
import { detailStore } from './detailStore';
import { pickAcknowledgeTarget, selectIncidentViews, selectQueue } from './selectors';
import {
  moveCursor,
  openDialog,
  requestNoteFocus,
  requestUnitSearchFocus,
  selectIncident,
  setFollow,
  toast,
  uiStore,
} from './uiStore';

/** Enter and Space on a control keep their own meaning. */
function isControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('button, a[href], input, select, textarea, summary') !== null
  );
}

function selectedIncident() {
  const id = uiStore.get().selectedIncidentId;
  return id ? (selectIncidentViews(consoleStore.get()).get(id) ?? null) : null;
}

/**
 * The console's keyboard: single keys, active whenever focus is not in a text field or a dialog.
 * The help overlay (?) lists them; keep the two in step.
 */
export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return; // the dialog handles its own keys
      const inMap = e.target instanceof HTMLElement && e.target.closest('.leaflet-container') !== null;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const queue = selectQueue(consoleStore.get());
      const ids = queue.map((i) => i.id);

      switch (key) {
        case 'a': {
          const target = pickAcknowledgeTarget(queue, uiStore.get().selectedIncidentId);
          if (!target) {
            toast('info', i18n.t('toast.nothingToAck'));
            break;
          }
          selectIncident(target.id);
          void actions.acknowledge(target);
          break;
        }
        case 'd': {
          const incident = selectedIncident();
          if (!incident || TERMINAL_STATUSES.has(incident.status)) {
            toast('info', i18n.t('toast.selectIncident'));
            break;
          }
          if (detailStore.get().chosen.size === 0) {
            toast('info', i18n.t('toast.noRecommendation'));
            break;
          }
          openDialog('dispatch');
          break;
        }
        case 'n': {
          const incident = selectedIncident();
          if (!incident || TERMINAL_STATUSES.has(incident.status)) {
            toast('info', i18n.t('toast.selectIncident'));
            break;
          }
          requestNoteFocus();
          break;
        }
        case 'c': {
          const incident = selectedIncident();
          if (!incident || TERMINAL_STATUSES.has(incident.status)) {
            toast('info', i18n.t('toast.selectIncident'));
            break;
          }
          openDialog('close');
          break;
        }
        case 'j':
        case 'ArrowDown':
          if (inMap && key === 'ArrowDown') return;
          moveCursor(ids, 1);
          focusAlertItem(uiStore.get().cursorId);
          break;
        case 'k':
        case 'ArrowUp':
          if (inMap && key === 'ArrowUp') return;
          moveCursor(ids, -1);
          focusAlertItem(uiStore.get().cursorId);
          break;
        case 'Enter': {
          if (isControl(e.target) || inMap) return;
          const cursor = uiStore.get().cursorId;
          if (!cursor || !ids.includes(cursor)) return;
          selectIncident(cursor);
          break;
        }
        case 'f': {
          const { selectedUnitId, followUnitId } = uiStore.get();
          if (!selectedUnitId) {
            toast('info', i18n.t('toast.selectUnit'));
            break;
          }
          setFollow(followUnitId === selectedUnitId ? null : selectedUnitId);
          break;
        }
        case 'l':
          toggleLanguage();
          break;
        case '?':
          openDialog('help');
          break;
        case '/':
          requestUnitSearchFocus();
          break;
        case 'Escape':
          if (uiStore.get().followUnitId) setFollow(null);
          return;
        default:
          return;
      }
      // The key was a command: keep it from also typing into whatever gains focus (N, /).
      e.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
