import type { Case } from '@shared/domain/case';
import { SERIOUS_REASON_ARTICLES } from '@shared/domain/committee';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseDeadlineBadge } from '../cases/CaseDeadlineBadge';
import { committeeApi } from './committeeApi';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** One case before the committee: why, its deadlines, the pending extension, 督办. */
export function CommitteeCase({
  c,
  today,
  director,
  onChanged,
}: {
  c: Case;
  today: string;
  director: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [supervisionNote, setSupervisionNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMessage({ ok: true, text: t('committee.saved') });
      setNote('');
      setSupervisionNote('');
      onChanged();
    } catch (err) {
      setMessage({
        ok: false,
        text: `${t('committee.actionFailed')}: ${err instanceof Error ? err.message : err}`,
      });
    } finally {
      setBusy(false);
    }
  };
  const ext = c.extensionRequest;
  return (
    <article className="cmt-case" data-testid="committee-case" data-case-id={c.id}>
      <header className="cmt-case-head">
        <h2 className="cmt-case-title">
          <span className="mono">{c.reference}</span> · {t(`category.${c.category}`)}
        </h2>
        <span className="cmt-status">{t(`caseStatus.${c.status}`)}</span>
      </header>

      <section className="cmt-block" aria-labelledby="cmt-why">
        <h3 id="cmt-why" className="cmt-block-title">
          {t('committee.seriousTitle')}
        </h3>
        {c.serious.length ? (
          <ul className="cmt-reasons">
            {c.serious.map((r) => (
              <li key={r} data-testid="committee-reason">
                {t(`seriousReason.${r}`)}{' '}
                <span className="cmt-article">（{SERIOUS_REASON_ARTICLES[r]}）</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="cmt-muted">—</p>
        )}
        <p className="cmt-policy">{t('committee.seriousPolicy')}</p>
      </section>

      <section className="cmt-block" aria-labelledby="cmt-deadlines">
        <h3 id="cmt-deadlines" className="cmt-block-title">
          {t('committee.deadlinesTitle')}
        </h3>
        <dl className="cmt-deadlines">
          <dt>{t('committee.acceptance')}</dt>
          <dd>
            <span className="mono">{c.deadlines.acceptance.due}</span>{' '}
            {c.status === 'received' && <CaseDeadlineBadge deadline={c.deadlines.acceptance} today={today} />}
          </dd>
          <dt>{t('committee.feedback')}</dt>
          <dd>
            {c.deadlines.feedback ? (
              <>
                <span className="mono">{c.deadlines.feedback.due}</span>{' '}
                {c.status === 'accepted' && (
                  <CaseDeadlineBadge deadline={c.deadlines.feedback} today={today} />
                )}
              </>
            ) : (
              t('committee.noDeadline')
            )}
          </dd>
        </dl>
      </section>

      <section className="cmt-block" aria-labelledby="cmt-summary">
        <h3 id="cmt-summary" className="cmt-block-title">
          {t('committee.summary')}
        </h3>
        <p className="cmt-summary">{c.summary}</p>
      </section>

      <section
        className="cmt-block cmt-extension"
        aria-labelledby="cmt-ext"
        data-testid="committee-extension"
      >
        <h3 id="cmt-ext" className="cmt-block-title">
          {t('committee.extensionTitle')}
        </h3>
        {ext ? (
          <>
            <p className="cmt-ext-until">{t('committee.extensionUntil', { date: ext.until })}</p>
            <p className="cmt-muted">
              {t('committee.extensionBy', { name: ext.requestedByName, at: when(ext.requestedAt) })}
            </p>
            <p>
              <span className="cmt-label">{t('committee.extensionReasons')}：</span>
              {ext.reasons}
            </p>
            {director ? (
              <div className="cmt-form">
                <label className="cmt-field">
                  <span>{t('committee.decisionNote')}</span>
                  <textarea
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    rows={2}
                    maxLength={2000}
                  />
                </label>
                <div className="cmt-actions">
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={busy}
                    onClick={() => void act(() => committeeApi.decide(c.id, 'approve', note.trim()))}
                    data-testid="committee-approve"
                  >
                    {t('committee.approve')}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy || !note.trim()}
                    title={note.trim() ? undefined : t('committee.refuseNeedsNote')}
                    onClick={() => void act(() => committeeApi.decide(c.id, 'refuse', note.trim()))}
                    data-testid="committee-refuse"
                  >
                    {t('committee.refuse')}
                  </button>
                </div>
              </div>
            ) : (
              <p className="cmt-muted" data-testid="committee-director-only">
                {t('committee.directorOnly')}
              </p>
            )}
          </>
        ) : (
          <p className="cmt-muted">{t('committee.noExtension')}</p>
        )}
      </section>

      <section className="cmt-block" aria-labelledby="cmt-sup" data-testid="committee-supervision">
        <h3 id="cmt-sup" className="cmt-block-title">
          {t('committee.supervisionTitle')}
        </h3>
        {c.supervision ? (
          <p>
            <span className="cmt-sup-badge">{t('committee.supervisedBadge')}</span> {c.supervision.note}
            <br />
            <span className="cmt-muted">
              {t('committee.supervisedBy', {
                name: c.supervision.byName ?? c.supervision.by,
                at: when(c.supervision.at),
              })}
            </span>
          </p>
        ) : (
          <p className="cmt-muted">{t('committee.notSupervised')}</p>
        )}
        <div className="cmt-form">
          <label className="cmt-field">
            <span>{t('committee.supervisionNote')}</span>
            <textarea
              value={supervisionNote}
              onChange={(e) => setSupervisionNote(e.target.value)}
              rows={2}
              maxLength={2000}
              data-testid="committee-supervision-note"
            />
          </label>
          <div className="cmt-actions">
            <button
              type="button"
              className="btn"
              disabled={busy || !supervisionNote.trim()}
              onClick={() => void act(() => committeeApi.supervise(c.id, supervisionNote.trim()))}
              data-testid="committee-supervise"
            >
              {t('committee.supervise')}
            </button>
          </div>
        </div>
      </section>
      {message && (
        <p className={message.ok ? 'cmt-ok' : 'cmt-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </article>
  );
}
