import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long the SOS button must be held: long enough that a pocket or a brush does not fire it. */
export const HOLD_MS = 1500;

/**
 * The SOS button. Pressing fills it over HOLD_MS; letting go earlier does nothing at all; at the
 * end it fires once. Works with a finger, a mouse, and Space or Enter held down.
 */
export function HoldButton({
  onFire,
  covert,
  disabled,
}: {
  onFire: () => void;
  covert: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(0);
  const started = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const fired = useRef(false);

  const stop = () => {
    started.current = null;
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    setProgress(0);
  };

  const tick = () => {
    if (started.current === null) return;
    const p = Math.min(1, (performance.now() - started.current) / HOLD_MS);
    setProgress(p);
    if (p >= 1) {
      if (!fired.current) {
        fired.current = true;
        onFire();
      }
      stop();
      return;
    }
    frame.current = requestAnimationFrame(tick);
  };

  const start = () => {
    if (disabled || started.current !== null) return;
    fired.current = false;
    started.current = performance.now();
    frame.current = requestAnimationFrame(tick);
  };

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    e.currentTarget.setPointerCapture?.(e.pointerId);
    start();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
      e.preventDefault();
      start();
    }
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === ' ' || e.key === 'Enter') stop();
  };

  return (
    <button
      type="button"
      className={`sos-button ${covert ? 'is-covert' : ''} ${progress > 0 ? 'is-holding' : ''}`}
      style={{ '--hold': progress } as React.CSSProperties}
      aria-describedby="sos-button-hint"
      disabled={disabled}
      onPointerDown={onPointerDown}
      onPointerUp={stop}
      onPointerCancel={stop}
      onLostPointerCapture={stop}
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
      onBlur={stop}
      onContextMenu={(e) => e.preventDefault()}
      data-testid="sos-button"
      data-progress={progress.toFixed(2)}
    >
      <span className="sos-fill" aria-hidden="true" />
      <span className="sos-text">
        <span className="sos-big">SOS</span>
        <span className="sos-small">{progress > 0 ? t('field.sosHolding') : t('field.sosHold')}</span>
      </span>
      <span id="sos-button-hint" className="visually-hidden">
        {t('field.sosLabel')}
      </span>
    </button>
  );
}
