import type { Incident } from '@shared/domain/incident';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../common/store';
import { actions } from '../consoleStore';
import { type UiState, uiStore } from '../uiStore';

const selectNoteFocus = (s: UiState) => s.noteFocusRequest;

export function NoteBox({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const focusRequest = useStore(uiStore, selectNoteFocus);
  const hintId = useId();

  useEffect(() => {
    if (focusRequest > 0) {
      ref.current?.focus();
      ref.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [focusRequest]);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    if (!text.trim()) {
      setError(true);
      return;
    }
    setBusy(true);
    const ok = await actions.addNote(incident, text.trim());
    setBusy(false);
    if (ok) setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <form className="sub note-box" onSubmit={(e) => void submit(e)} aria-labelledby="note-title">
      <h3 id="note-title" className="sub-title">
        <label htmlFor="note-text">{t('note.label')}</label>
      </h3>
      <textarea
        ref={ref}
        id="note-text"
        rows={3}
        maxLength={2000}
        value={text}
        placeholder={t('note.placeholder')}
        onChange={(e) => {
          setText(e.target.value);
          setError(false);
        }}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        aria-invalid={error || undefined}
        data-testid="note-input"
      />
      <div className="note-foot">
        <span id={hintId} className={error ? 'state-error-inline' : 'muted'}>
          {error ? t('note.empty') : t('note.hint')}
        </span>
        <button type="submit" className="btn" disabled={busy} data-testid="note-submit">
          {busy ? t('note.submitting') : t('note.submit')}
        </button>
      </div>
    </form>
  );
}
