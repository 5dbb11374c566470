import { routes } from '@shared/api/routes';
import type { ConsoleStatus } from '@shared/api/supervisor';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { useNow } from '../common/clock';
import { useStore } from '../common/store';
import type { ConsoleState } from '../console/consoleState';
import { consoleStore } from '../console/consoleStore';
import { formatAge, formatClock, shortId } from '../format';
import { ScrollRegion } from './ScrollRegion';
import { sortConsoles } from './supervisorSelectors';
import { usePoll } from './usePoll';

export const CONSOLES_POLL_MS = 5_000;

const selectIncidents = (s: ConsoleState) => s.incidents;
const loadConsoles = () => call(routes.supervisor.consoles, {});

function ConsoleRow({ c, now }: { c: ConsoleStatus; now: number }) {
  const { t, i18n } = useTranslation();
  const incidents = useStore(consoleStore, selectIncidents);
  const lag = c.lagging;
  const since = lag ? Date.parse(lag.since) : Number.NaN;
  const reference = lag ? (incidents.get(lag.incidentId)?.reference ?? shortId(lag.incidentId)) : '';
  return (
    <tr
      className={lag ? 'is-lagging' : ''}
      data-testid="sup-console"
      data-username={c.username}
      data-lagging={lag !== null}
    >
      <th scope="row">
        {c.displayName} <span className="muted">{c.username}</span>
      </th>
      <td>{t(`role.${c.role}`)}</td>
      <td className="mono muted">{c.socketId.slice(0, 8)}</td>
      <td>
        {lag ? (
          <>
            <span className="sup-lag-badge">{t('supervisor.consoleLagging')}</span>{' '}
            <span className="sup-lag-detail">
              {t('supervisor.laggingDetail', {
                reference,
                time: Number.isNaN(since) ? lag.since : formatClock(since, i18n.language),
                ago: Number.isNaN(since) ? '—' : formatAge(now - since),
              })}
            </span>
          </>
        ) : (
          <span className="sup-ok">{t('supervisor.consoleOk')}</span>
        )}
      </td>
    </tr>
  );
}

/**
 * Connected dispatcher and supervisor consoles, polled every 5 s. A console that did not confirm
 * a distress alarm in time is lagging: a frozen tab or a broken network would miss the next one.
 */
export function ConsolesPanel() {
  const { t, i18n } = useTranslation();
  const poll = usePoll(loadConsoles, CONSOLES_POLL_MS, 'consoles');
  const now = useNow();
  const consoles = useMemo(() => (poll.data ? sortConsoles(poll.data.consoles) : []), [poll.data]);
  const lagging = consoles.filter((c) => c.lagging !== null).length;

  return (
    <section className="sup-panel sup-consoles" aria-labelledby="sup-consoles-title">
      <div className="sup-head">
        <h2 id="sup-consoles-title" className="sup-title">
          {t('supervisor.consolesTitle')}
        </h2>
        {poll.data && (
          <p className="sup-head-note" data-testid="sup-consoles-summary">
            {t('supervisor.consolesOnline', { count: consoles.length })}
            {lagging > 0 && (
              <span className="sup-overdue-pill">{t('supervisor.consolesLagging', { count: lagging })}</span>
            )}
          </p>
        )}
      </div>
      {poll.status === 'loading' && <p className="state-msg state-loading">{t('supervisor.loading')}</p>}
      {poll.status === 'error' && (
        <div className="state-error-inline sup-error" role="alert">
          {t('supervisor.consolesError')}: {poll.error}{' '}
          <button type="button" className="btn btn-small" onClick={poll.reload}>
            {t('errors.retry')}
          </button>
          {poll.data && <span className="muted"> · {t('supervisor.showingLastGood')}</span>}
        </div>
      )}
      {poll.data && consoles.length === 0 && (
        <p className="state-msg state-empty">{t('supervisor.consolesEmpty')}</p>
      )}
      {consoles.length > 0 && (
        <ScrollRegion labelledBy="sup-consoles-title">
          <table className="sup-table sup-console-table" data-testid="sup-consoles">
            <caption className="visually-hidden">{t('supervisor.consolesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.colUser')}</th>
                <th scope="col">{t('supervisor.colRole')}</th>
                <th scope="col">{t('supervisor.colConnection')}</th>
                <th scope="col">{t('supervisor.colState')}</th>
              </tr>
            </thead>
            <tbody>
              {consoles.map((c) => (
                <ConsoleRow key={c.socketId} c={c} now={now} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {poll.at !== null && (
        <p className="sup-foot muted">
          {t('supervisor.updatedAt', { time: formatClock(poll.at, i18n.language) })} ·{' '}
          {t('supervisor.pollEvery', { seconds: CONSOLES_POLL_MS / 1000 })}
        </p>
      )}
    </section>
  );
}
