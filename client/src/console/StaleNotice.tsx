import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { formatClock } from '../format';
import type { ConsoleState } from './consoleState';
import { consoleStore } from './consoleStore';

const selectLive = (s: ConsoleState) => s.connection === 'live';
const selectStaleInfo = (s: ConsoleState) => (s.connection === 'live' ? null : s.lastLiveAt);
const selectConnection = (s: ConsoleState) => s.connection;

/** Whether what is on screen is live data; anything else is dimmed and labelled. */
export function useIsLive(): boolean {
  return useStore(consoleStore, selectLive);
}

/** A bar across the top of the work area whenever the data is not live. */
export function StaleNotice() {
  const { t, i18n } = useTranslation();
  const live = useIsLive();
  const lastLiveAt = useStore(consoleStore, selectStaleInfo);
  const connection = useStore(consoleStore, selectConnection);
  if (live) return null;
  return (
    <div className={`stale-notice stale-${connection}`} role="status" data-testid="stale-notice">
      <span className="stale-badge">{t('stale.label')}</span>
      <span>
        {t(`connection.${connection}`)} ·{' '}
        {lastLiveAt === null
          ? t('stale.neverLive')
          : t('stale.banner', { time: formatClock(lastLiveAt, i18n.language) })}
      </span>
    </div>
  );
}
