import './committee.css';
import type { MeResponse } from '@shared/api/auth';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDeadlineBadge } from '../cases/CaseDeadlineBadge';
import { openDeadline } from '../cases/caseSelectors';
import { Header } from '../console/Header';
import { formatClock } from '../format';
import { usePoll } from '../supervisor/usePoll';
import { CommitteeCase } from './CommitteeCase';
import { committeeApi } from './committeeApi';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

/**
 * The committee's view (维权委, 第七条): the cases put before it with their deadlines, the
 * extension requests its director decides (第十六条), 督办, and the notices it was sent.
 */
/** The committee works cases over days, not seconds: its inbox is polled. */
const INBOX_POLL_MS = 30_000;

export function CommitteePage({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation();
  const inbox = usePoll(() => committeeApi.inbox(), INBOX_POLL_MS, 'committee-inbox');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const cases = inbox.data?.cases ?? [];
  const today = inbox.data?.today ?? '';
  const selected = cases.find((c) => c.id === selectedId) ?? cases[0] ?? null;
  const references = new Map(cases.map((c) => [c.id, c.reference]));
  const director = inbox.data?.director ?? false;
  return (
    <div className="console cmt-page">
      <a className="skip-link" href="#console-main">
        {t('app.skipToMain')}
      </a>
      <Header me={me} />
      <main id="console-main" className="cmt-main" tabIndex={-1}>
        <section className="cmt-col cmt-list-col" aria-labelledby="cmt-list-title">
          <div className="cmt-col-head">
            <h2 id="cmt-list-title" className="cmt-col-title">
              {t('committee.inboxTitle')}
            </h2>
            {inbox.data && (
              <span className="cmt-role" data-testid="committee-role">
                {director ? t('committee.director') : t('committee.member')}
              </span>
            )}
          </div>
          <p className="cmt-muted">{t('committee.inboxHint')}</p>
          {inbox.at !== null && (
            <p className="cmt-muted" data-testid="committee-updated">
              {t('supervisor.updatedAt', { time: formatClock(inbox.at, i18n.language) })} ·{' '}
              {t('supervisor.pollEvery', { seconds: INBOX_POLL_MS / 1000 })}
            </p>
          )}
          {inbox.status === 'loading' && <p className="cmt-muted">{t('committee.loading')}</p>}
          {inbox.status === 'error' && (
            <p className="cmt-error" role="alert">
              {t('committee.loadError')}: {inbox.error}
            </p>
          )}
          {inbox.data && cases.length === 0 && <p className="cmt-muted">{t('committee.empty')}</p>}
          <ul className="cmt-list">
            {cases.map((c) => {
              const d = openDeadline(c);
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`cmt-row ${selected?.id === c.id ? 'is-selected' : ''}`}
                    onClick={() => setSelectedId(c.id)}
                    data-testid="committee-row"
                    data-case-id={c.id}
                  >
                    <span className="mono">{c.reference}</span>
                    <span>{t(`categoryShort.${c.category}`)}</span>
                    <span className="cmt-muted">{t(`caseStatus.${c.status}`)}</span>
                    {d ? <CaseDeadlineBadge deadline={d} today={today} /> : <span />}
                    <span className="cmt-row-flags">
                      {c.extensionRequest && (
                        <span className="cmt-pending">{t('committee.pendingBadge')}</span>
                      )}
                      {c.supervision && (
                        <span className="cmt-sup-badge">{t('committee.supervisedBadge')}</span>
                      )}
                      {c.serious.map((r) => (
                        <span key={r} className="cmt-reason-chip">
                          {t(`seriousReason.${r}`)}
                        </span>
                      ))}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
        <section
          className="cmt-col cmt-detail-col"
          aria-label={selected?.reference ?? t('committee.noneSelected')}
        >
          {selected ? (
            <CommitteeCase c={selected} today={today} director={director} onChanged={inbox.reload} />
          ) : (
            inbox.data && <p className="cmt-muted">{t('committee.noneSelected')}</p>
          )}
        </section>
        <section className="cmt-col cmt-notices-col" aria-labelledby="cmt-notices-title">
          <h2 id="cmt-notices-title" className="cmt-col-title">
            {t('committee.noticesTitle')}
          </h2>
          {inbox.data && inbox.data.notices.length === 0 && (
            <p className="cmt-muted">{t('committee.noticesEmpty')}</p>
          )}
          <ul className="cmt-notices">
            {(inbox.data?.notices ?? []).map((n) => (
              <li key={n.id} className={`cmt-notice cmt-notice-${n.kind}`} data-testid="committee-notice">
                <span className="cmt-notice-kind">{t(`committeeNotice.${n.kind}`)}</span>
                <span className="mono">{references.get(n.caseId) ?? '—'}</span>
                <span className="cmt-muted">{when(n.createdAt)}</span>
                {!n.sentAt && <span className="cmt-muted">{t('committee.notSent')}</span>}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
