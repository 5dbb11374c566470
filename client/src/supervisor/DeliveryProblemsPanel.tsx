import { routes } from '@shared/api/routes';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { formatClock } from '../format';
import { ScrollRegion } from './ScrollRegion';
import { usePoll } from './usePoll';

export const PROBLEMS_POLL_MS = 10_000;

const loadProblems = () => call(routes.deliveryProblems.list, {});

/**
 * What did not reach its audience: the outbox backlog, changes the relay gave up on
 * (dead-lettered), and department deliveries whose last attempt failed. Nobody else is told,
 * so this is where someone picks them up (by phone, or by fixing the cause and retrying).
 */
export function DeliveryProblemsPanel() {
  const { t, i18n } = useTranslation();
  const poll = usePoll(loadProblems, PROBLEMS_POLL_MS, 'delivery-problems');
  const data = poll.data;
  const clock = (iso: string) => formatClock(Date.parse(iso), i18n.language);
  const none = data && data.deadLetters.length === 0 && data.failedDeliveries.length === 0;

  return (
    <section
      className="sup-panel sup-problems"
      aria-labelledby="sup-problems-title"
      data-testid="sup-problems"
    >
      <div className="sup-head">
        <h2 id="sup-problems-title" className="sup-title">
          {t('supervisor.problemsTitle')}
        </h2>
        {data && (
          <p className="sup-head-note" data-testid="sup-outbox">
            {t('supervisor.outboxBacklog', {
              count: data.outbox.pending,
              seconds: data.outbox.oldestPendingS,
            })}
            {data.outbox.deadLettered > 0 && (
              <span className="sup-overdue-pill">
                {t('supervisor.deadLettered', { count: data.outbox.deadLettered })}
              </span>
            )}
          </p>
        )}
      </div>
      {poll.status === 'loading' && <p className="state-msg state-loading">{t('supervisor.loading')}</p>}
      {poll.status === 'error' && (
        <div className="state-error-inline sup-error" role="alert">
          {t('supervisor.problemsError')}: {poll.error}{' '}
          <button type="button" className="btn btn-small" onClick={poll.reload}>
            {t('errors.retry')}
          </button>
          {data && <span className="muted"> · {t('supervisor.showingLastGood')}</span>}
        </div>
      )}
      {none && <p className="state-msg state-empty">{t('supervisor.problemsEmpty')}</p>}
      {data && data.failedDeliveries.length > 0 && (
        <ScrollRegion labelledBy="sup-problems-title">
          <table className="sup-table" data-testid="sup-failed-deliveries">
            <caption>{t('supervisor.failedDeliveriesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.colIncident')}</th>
                <th scope="col">{t('supervisor.colDepartment')}</th>
                <th scope="col">{t('supervisor.colChannel')}</th>
                <th scope="col">{t('supervisor.colRecipient')}</th>
                <th scope="col">{t('supervisor.colFailure')}</th>
              </tr>
            </thead>
            <tbody>
              {data.failedDeliveries.map((f) => (
                <tr key={f.id} data-testid="sup-failed-delivery">
                  <th scope="row" className="mono">
                    {f.incidentReference}
                  </th>
                  <td>{t(`department.${f.departmentId}`)}</td>
                  <td>{t(f.channel === 'sms' ? 'supervisor.channelSms' : 'supervisor.channelWebhook')}</td>
                  <td className="mono muted">{f.recipient}</td>
                  <td>
                    {t('supervisor.failedAfter', { count: f.attempts, time: clock(f.failedAt) })}
                    {f.error && <span className="muted"> · {f.error}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data && data.deadLetters.length > 0 && (
        <table className="sup-table" data-testid="sup-dead-letters">
          <caption>{t('supervisor.deadLettersTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('supervisor.colChange')}</th>
              <th scope="col">{t('supervisor.colMissing')}</th>
              <th scope="col">{t('supervisor.colFailure')}</th>
            </tr>
          </thead>
          <tbody>
            {data.deadLetters.map((d) => (
              <tr key={d.id} data-testid="sup-dead-letter">
                <th scope="row" className="mono">
                  #{d.id} · {d.topic}
                </th>
                <td>
                  {d.eventPublished
                    ? t('supervisor.missingJobs', { jobs: d.jobs.join(', ') })
                    : t('supervisor.missingEvent')}
                </td>
                <td>
                  {t('supervisor.failedAfter', { count: d.attempts, time: clock(d.deadLetteredAt) })}
                  {d.lastError && <span className="muted"> · {d.lastError}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {poll.at !== null && (
        <p className="sup-foot muted">
          {t('supervisor.updatedAt', { time: formatClock(poll.at, i18n.language) })} ·{' '}
          {t('supervisor.pollEvery', { seconds: PROBLEMS_POLL_MS / 1000 })}
        </p>
      )}
    </section>
  );
}
