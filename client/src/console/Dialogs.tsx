import { CLOSE_OUTCOMES } from '@shared/api/dispatch';
import type { Incident } from '@shared/domain/incident';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import type { ConsoleState } from './consoleState';
import { actions, consoleStore } from './consoleStore';
import { type DetailState, detailStore } from './detailStore';
import { formatDistance, formatEta } from './incident/Recommendations';
import { selectIncidentViews } from './selectors';
import { type DialogName, openDialog, type UiState, uiStore } from './uiStore';

const selectDialog = (s: UiState) => s.dialog;
const selectSelectedId = (s: UiState) => s.selectedIncidentId;
const selectDetail = (s: DetailState) => s;

/**
 * A native modal <dialog>: the browser traps focus, puts it in the top layer and closes it on
 * Esc; closing by any means clears the dialog in the UI store.
 */
function Modal({
  name,
  titleId,
  className = '',
  children,
}: {
  name: DialogName;
  titleId: string;
  className?: string;
  children: ReactNode;
}) {
  const dialog = useStore(uiStore, selectDialog);
  const open = dialog === name;
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      // showModal focuses the first control; the dialog may name a better one (the default action).
      el.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`modal ${className}`}
      aria-labelledby={titleId}
      onClose={() => {
        if (uiStore.get().dialog === name) openDialog(null);
      }}
      data-testid={`dialog-${name}`}
    >
      {open && children}
    </dialog>
  );
}

function useSelectedIncident(): Incident | null {
  const id = useStore(uiStore, selectSelectedId);
  const select = useCallback(
    (s: ConsoleState) => (id ? (selectIncidentViews(s).get(id) ?? null) : null),
    [id],
  );
  return useStore(consoleStore, select);
}

const SHORTCUTS = [
  ['A', 'help.a'],
  ['D', 'help.d'],
  ['N', 'help.n'],
  ['C', 'help.c'],
  ['J / K · ↓ / ↑', 'help.jk'],
  ['Enter', 'help.enter'],
  ['F', 'help.f'],
  ['L', 'help.l'],
  ['/', 'help.slash'],
  ['?', 'help.question'],
  ['Esc', 'help.esc'],
] as const;

export function HelpDialog() {
  const { t } = useTranslation();
  return (
    <Modal name="help" titleId="help-title" className="modal-help">
      <h2 id="help-title" className="modal-title">
        {t('help.title')}
      </h2>
      <p className="muted">{t('help.intro')}</p>
      <table className="keys" data-testid="help-overlay">
        <tbody>
          {SHORTCUTS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={() => openDialog(null)} data-autofocus>
          {t('help.close')}
        </button>
      </div>
    </Modal>
  );
}

export function DispatchDialog() {
  const { t } = useTranslation();
  const incident = useSelectedIncident();
  const detail = useStore(detailStore, selectDetail);
  const [busy, setBusy] = useState(false);
  const recs =
    incident && detail.recommendations.incidentId === incident.id ? (detail.recommendations.data ?? []) : [];
  const chosen = recs.filter((r) => detail.chosen.has(r.unitId));

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!incident || chosen.length === 0 || busy) return;
    setBusy(true);
    const ok = await actions.dispatch(
      incident,
      chosen.map((r) => r.unitId),
    );
    setBusy(false);
    if (ok) openDialog(null);
  }

  return (
    <Modal name="dispatch" titleId="dispatch-title">
      <form onSubmit={(e) => void confirm(e)}>
        <h2 id="dispatch-title" className="modal-title">
          {t('dispatchConfirm.title')}
        </h2>
        {incident && chosen.length > 0 ? (
          <>
            <p>{t('dispatchConfirm.intro', { reference: incident.reference })}</p>
            <ul className="rows">
              {chosen.map((r) => (
                <li key={r.unitId} className="row">
                  <span className="callsign">{r.callSign}</span>
                  <span className="muted">{t(`unitKind.${r.kind}`)}</span>
                  <span>{formatDistance(r.distanceM, t)}</span>
                  <span>{formatEta(r.etaS, t)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('dispatchConfirm.noneSelected')}</p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => openDialog(null)}>
            {t('dispatchConfirm.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!incident || chosen.length === 0 || busy}
            data-autofocus
            data-testid="dispatch-confirm"
          >
            {busy ? t('recommend.dispatching') : t('dispatchConfirm.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function CloseDialog() {
  const { t } = useTranslation();
  const incident = useSelectedIncident();
  const [outcome, setOutcome] = useState<(typeof CLOSE_OUTCOMES)[number]>('controlled');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useStore(uiStore, selectDialog);

  useEffect(() => {
    if (dialog === 'close') {
      setOutcome('controlled');
      setNote('');
    }
  }, [dialog]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!incident || busy) return;
    setBusy(true);
    const ok = await actions.close(incident, { outcome, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (ok) openDialog(null);
  }

  return (
    <Modal name="close" titleId="close-title">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="close-title" className="modal-title">
          {t('close.title')}
        </h2>
        {incident && <p>{t('close.intro', { reference: incident.reference })}</p>}
        <fieldset className="radio-group">
          <legend>{t('close.outcome')}</legend>
          {CLOSE_OUTCOMES.map((o, i) => (
            <label key={o} className="radio">
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                data-autofocus={i === 0 ? true : undefined}
                data-testid={`close-outcome-${o}`}
              />
              {t(`outcome.${o}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="close-note">{t('close.note')}</label>
          <textarea
            id="close-note"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => openDialog(null)}>
            {t('close.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-danger"
            disabled={!incident || busy}
            data-testid="close-confirm"
          >
            {busy ? t('close.submitting') : t('close.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
