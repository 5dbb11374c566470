import './warnings.css';
import { routes } from '@shared/api/routes';
import type { Warning, WarningRef } from '@shared/domain/warning';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { formatDateTime } from '../format';
import { useWarnings } from './useWarnings';
import { summaryKey, summaryValues } from './warningSelectors';

/** What this view can open, by kind of record: an incident on the console, a case in the workspace. */
export type RefLinks = Partial<Record<WarningRef['kind'], (id: string) => void>>;

function RefLink({ target: r, links }: { target: WarningRef; links?: RefLinks }) {
  const { t } = useTranslation();
  const text = `${t(`warningRefKind.${r.kind}`)} ${r.label ?? t('warnings.missing')}`;
  const open = links?.[r.kind];
  if (!open) return <span className="warn-ref">{text}</span>;
  return (
    <button
      type="button"
      className="warn-ref warn-ref-link"
      onClick={() => open(r.id)}
      data-testid="warning-ref"
      data-kind={r.kind}
    >
      {text}
    </button>
  );
}

function NoteForm({
  warning,
  action,
  onDone,
  onCancel,
}: {
  warning: Warning;
  action: 'acknowledge' | 'resolve';
  onDone: (w: Warning) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) {
      setError(t('warnings.noteRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const contract = action === 'acknowledge' ? routes.warnings.acknowledge : routes.warnings.resolve;
      onDone(await call(contract, { params: { id: warning.id }, body: { note: note.trim() } }));
    } catch (err) {
      setError(`${t('warnings.actionFailed')}: ${err instanceof ApiError ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="warn-note" onSubmit={submit} data-testid="warning-note-form">
      <label className="warn-note-label">
        {t('warnings.notePrompt')}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={2000}
          data-testid="warning-note"
          autoFocus
        />
      </label>
      {error && (
        <p className="state-error-inline" role="alert">
          {error}
        </p>
      )}
      <div className="warn-actions">
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={busy}
          data-testid="warning-submit"
        >
          {action === 'acknowledge' ? t('warnings.submitAcknowledge') : t('warnings.submitResolve')}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel} disabled={busy}>
          {t('warnings.cancel')}
        </button>
      </div>
    </form>
  );
}

function WarningItem({
  w,
  fresh,
  links,
  onChanged,
}: {
  w: Warning;
  fresh: boolean;
  links?: RefLinks;
  onChanged: (w: Warning) => void;
}) {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState<'acknowledge' | 'resolve' | null>(null);
  const values = summaryValues(w, t('warnings.missing'));
  if (typeof values.category === 'string') values.category = t(`categoryShort.${values.category}`);
  if (typeof values.taskKind === 'string') values.taskKind = t(`taskKind.${values.taskKind}`);
  values.correction =
    typeof w.evidence.facts.correctionReason === 'string'
      ? t('warnings.correctedReason', { reason: w.evidence.facts.correctionReason })
      : '';
  const key = summaryKey(w);
  const summary = i18n.exists(key)
    ? t(key, values)
    : t('warningReason.unknown', { reason: w.evidence.reason });
  // The subject's own record first (an officer, a case), then what the evidence cites.
  const refs = w.refs.slice(0, 6);
  return (
    <li
      className={`warn-item warn-${w.model} is-${w.status} ${fresh ? 'is-fresh' : ''}`}
      data-testid="warning-item"
      data-model={w.model}
      data-status={w.status}
    >
      <div className="warn-top">
        <span className="warn-model">{t(`warningModel.${w.model}`)}</span>
        <span className="warn-status">{t(`warningStatus.${w.status}`)}</span>
        <span className="warn-time">
          {t('warnings.fired', { time: formatDateTime(w.firedAt, i18n.language) })}
        </span>
      </div>
      <p className="warn-summary" data-testid="warning-summary">
        {summary}
      </p>
      <div className="warn-refs">
        {refs.map((r) => (
          <RefLink key={`${r.kind}:${r.id}`} target={r} links={links} />
        ))}
        {w.refs.length > refs.length && <span className="muted">+{w.refs.length - refs.length}</span>}
        <span className="warn-article">{t('warnings.article', { article: w.evidence.article })}</span>
      </div>
      {w.acknowledgedNote && (
        <p className="warn-ack-note">{t('warnings.acknowledgedBy', { note: w.acknowledgedNote })}</p>
      )}
      {action ? (
        <NoteForm
          warning={w}
          action={action}
          onCancel={() => setAction(null)}
          onDone={(updated) => {
            setAction(null);
            onChanged(updated);
          }}
        />
      ) : (
        <div className="warn-actions">
          {w.status === 'active' && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setAction('acknowledge')}
              data-testid="warning-acknowledge"
            >
              {t('warnings.acknowledge')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAction('resolve')}
            data-testid="warning-resolve"
          >
            {t('warnings.resolve')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * Early warnings as they fire (第三十五条 预警; 第三十六条's grounds for accountability): what
 * fired each, its numbers and records, taken up and ended by a person with a note.
 */
export function WarningsPanel({ className = '', links }: { className?: string; links?: RefLinks }) {
  const { t } = useTranslation();
  const state = useWarnings();
  const active = state.warnings.filter((w) => w.status === 'active').length;
  return (
    <section className={`warn-panel ${className}`} aria-labelledby="warn-title" data-testid="warnings-panel">
      <div className="warn-head">
        <h2 id="warn-title" className="warn-title">
          {t('warnings.title')}
        </h2>
        {active > 0 && (
          <span className="warn-count" data-testid="warnings-active-count">
            {t('warnings.activeCount', { count: active })}
          </span>
        )}
      </div>
      {state.status === 'loading' && <p className="state-msg state-loading">{t('warnings.loading')}</p>}
      {state.status === 'error' && (
        <div className="state-error-inline" role="alert">
          {t('warnings.loadError')}: {state.error}{' '}
          <button type="button" className="btn btn-small" onClick={state.reload}>
            {t('errors.retry')}
          </button>
          {state.warnings.length > 0 && <span className="muted"> · {t('warnings.showingLastGood')}</span>}
        </div>
      )}
      {state.status === 'ready' && state.warnings.length === 0 && (
        <p className="state-msg state-empty">{t('warnings.empty')}</p>
      )}
      <ul className="warn-list">
        {state.warnings.map((w) => (
          <WarningItem
            key={w.id}
            w={w}
            fresh={state.fresh.has(w.id)}
            links={links}
            onChanged={state.replace}
          />
        ))}
      </ul>
    </section>
  );
}
