import type { InfringementCategory } from '@shared/domain/category';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { queueStore } from './actionQueue';
import { cancelSos, closeSos, refineSos, SOS_COUNTDOWN_S, type SosState } from './fieldStore';

/** The categories an officer can pick on the spot (第十一条, those that happen at a scene). */
const REFINE: InfringementCategory[] = [
  'violent_attack',
  'vehicle_ramming',
  'mob_obstruction',
  'physical_harm',
  'threat_harassment',
  'other',
];

const selectQueued = (s: ReturnType<typeof queueStore.get>) => s.actions.some((a) => a.kind === 'sos');

/**
 * After the SOS fires: a countdown during which a mistaken press can be cancelled (recorded as a
 * false activation), then what was sent and a way to say what is happening. In covert mode the
 * screen stays dark and quiet, with small grey text a bystander would not read as an alarm.
 */
export function SosOverlay({ sos }: { sos: Exclude<SosState, { phase: 'idle' }> }) {
  const { t } = useTranslation();
  const queued = useStore(queueStore, selectQueued);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (sos.phase !== 'countdown') return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [sos.phase]);

  const left =
    sos.phase === 'countdown' ? Math.max(0, Math.ceil(SOS_COUNTDOWN_S - (now - sos.firedAt) / 1000)) : 0;
  const cancelled = sos.phase === 'sent' && sos.cancelled;

  if (sos.covert) {
    return (
      <div
        className="sos-overlay is-covert"
        role="dialog"
        aria-modal="true"
        aria-label={t('field.sosFiredTitle')}
        data-testid="sos-overlay"
        data-phase={sos.phase}
      >
        <p className="covert-line" data-testid="sos-covert-status">
          {cancelled ? t('field.sosCancelledTitle') : t('field.covertSent')}
          {sos.phase === 'countdown' && ` · ${left}`}
        </p>
        <div className="covert-actions">
          {sos.phase === 'countdown' && (
            <button type="button" className="covert-button" onClick={cancelSos} data-testid="sos-cancel">
              {t('field.covertCancel')}
            </button>
          )}
          {sos.phase === 'sent' && (
            <button type="button" className="covert-button" onClick={closeSos} data-testid="sos-close">
              {t('field.sosClose')}
            </button>
          )}
        </div>
      </div>
    );
  }

  return (
    <div
      className={`sos-overlay ${cancelled ? 'is-cancelled' : 'is-live'}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby="sos-title"
      data-testid="sos-overlay"
      data-phase={sos.phase}
    >
      <h2 id="sos-title" className="sos-title">
        {cancelled ? t('field.sosCancelledTitle') : t('field.sosFiredTitle')}
      </h2>
      {sos.phase === 'countdown' && (
        <>
          <p className="sos-count" aria-live="assertive" data-testid="sos-countdown">
            {left}
          </p>
          <p className="sos-hint">{t('field.sosCountdown', { seconds: left })}</p>
          <button
            type="button"
            className="field-btn field-btn-cancel"
            onClick={cancelSos}
            data-testid="sos-cancel"
          >
            {t('field.sosCancel')}
          </button>
        </>
      )}
      {!cancelled && (
        <p className="sos-hint" role="status">
          {queued ? t('field.sosQueuedHint') : t('field.sosSentHint')}
        </p>
      )}
      {!cancelled && (
        <fieldset className="sos-refine">
          <legend>{t('field.sosRefine')}</legend>
          <div className="chip-row">
            {REFINE.map((c) => (
              <button
                key={c}
                type="button"
                className={`chip ${sos.category === c ? 'is-on' : ''}`}
                aria-pressed={sos.category === c}
                onClick={() => refineSos(c)}
                data-testid="sos-category"
                data-category={c}
              >
                {t(`categoryShort.${c}`)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {sos.phase === 'sent' && (
        <button
          type="button"
          className="field-btn field-btn-plain"
          onClick={closeSos}
          data-testid="sos-close"
        >
          {t('field.sosClose')}
        </button>
      )}
    </div>
  );
}
