import type { ClearingItem } from '@shared/domain/clearing';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { clearingApi } from './clearingApi';

/** A person says why this item stays open past today. */
export function CarryOverForm({ item, onDone }: { item: ClearingItem; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="clr-carry"
      data-testid="carry-over-form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        clearingApi
          .carryOver(item.itemKind, item.id, reason)
          .then(() => {
            setReason('');
            onDone();
          })
          .catch((err) => setError(err instanceof ApiError ? err.message : String(err)))
          .finally(() => setBusy(false));
      }}
    >
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('clearing.reasonPlaceholder')}
        aria-label={t('clearing.reason')}
        minLength={2}
        required
      />
      <button type="submit" className="btn btn-small" disabled={busy}>
        {t('clearing.carryOver')}
      </button>
      {error && <span className="state-error-inline">{error}</span>}
    </form>
  );
}
