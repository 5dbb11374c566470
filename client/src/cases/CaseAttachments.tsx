import { urlFor } from '@shared/api/contract';
import { routes } from '@shared/api/routes';
import type { CustodyEntry, EvidenceUpload } from '@shared/api/upload';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/call';
import { ApiError } from '../api/http';
import { useStore } from '../common/store';
import { startUpload, type UploadItem, uploadStore } from '../field/uploads';
import { formatDateTime } from '../format';

const selectUploads = (items: UploadItem[]) => items;

function Custody({ uploadId }: { uploadId: string }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<CustodyEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call(routes.evidence.custody, { params: { id: uploadId } })
      .then((c) => setEntries(c.entries))
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [uploadId]);
  if (error) return <p className="state-error-inline">{error}</p>;
  if (!entries) return <p className="muted">{t('cases.loading')}</p>;
  return (
    <ol className="case-custody" data-testid="case-custody">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="mono">{formatDateTime(e.at, i18n.language)}</span> {t(`custodyAction.${e.action}`)}{' '}
          <span className="muted">{e.actor}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The case's files (issue #12 item 1): sent through the same resumable, hashed upload as the
 * phones' evidence; each shows both hashes' agreement and, on request, its chain of custody.
 */
export function CaseAttachments({ caseId, canAttach }: { caseId: string; canAttach: boolean }) {
  const { t, i18n } = useTranslation();
  const [files, setFiles] = useState<EvidenceUpload[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const sending = useStore(uploadStore, selectUploads).filter(
    (u) =>
      u.targetId === caseId && (u.phase === 'hashing' || u.phase === 'uploading' || u.phase === 'failed'),
  );
  const load = useCallback(() => {
    call(routes.cases.attachments, { params: { id: caseId } })
      .then((r) => {
        setFiles(r.uploads);
        setError(null);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [caseId]);
  useEffect(() => load(), [load]);
  // A finished upload leaves the "sending" list: read the files again.
  const sendingCount = sending.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when an upload finishes
  useEffect(() => load(), [sendingCount]);

  return (
    <section className="sub case-files" data-testid="case-files">
      <h3 className="sub-title">{t('caseFiles.title')}</h3>
      {error && (
        <p className="state-error-inline" role="alert">
          {t('caseFiles.loadError')}: {error}
        </p>
      )}
      {!files && !error && <p className="muted">{t('cases.loading')}</p>}
      {files && files.length === 0 && <p className="muted">{t('caseFiles.empty')}</p>}
      <ul className="rows">
        {(files ?? []).map((f) => (
          <li key={f.id} className="row case-file" data-testid="case-file" data-status={f.status}>
            <a href={urlFor(routes.evidence.uploadContent, { id: f.id })} target="_blank" rel="noreferrer">
              {f.filename}
            </a>
            <span className={`badge case-file-${f.status}`}>{t(`caseFileStatus.${f.status}`)}</span>
            <span className="mono case-file-hash" title={f.sha256 ?? f.clientSha256}>
              SHA-256 {(f.sha256 ?? f.clientSha256).slice(0, 16)}…
            </span>
            <span className="muted">
              {f.uploadedBy} · {formatDateTime(f.createdAt, i18n.language)}
            </span>
            <button
              type="button"
              className="btn btn-small"
              aria-expanded={open === f.id}
              onClick={() => setOpen(open === f.id ? null : f.id)}
            >
              {t('caseFiles.custodyToggle')}
            </button>
            {open === f.id && <Custody uploadId={f.id} />}
          </li>
        ))}
        {sending.map((u) => (
          <li key={u.localId} className="row case-file is-sending">
            <span>{u.name}</span>
            <span className="muted">
              {u.phase === 'failed'
                ? `${t('caseFiles.failed')}: ${u.error ?? ''}`
                : `${t(`caseUploadPhase.${u.phase}`)} ${Math.round(u.progress * 100)}%`}
            </span>
          </li>
        ))}
      </ul>
      {canAttach && (
        <label className="btn btn-small case-file-pick">
          {t('caseFiles.attach')}
          <input
            type="file"
            className="visually-hidden"
            data-testid="case-file-input"
            onChange={(e) => {
              for (const file of Array.from(e.target.files ?? [])) void startUpload(file, { caseId });
              e.target.value = '';
            }}
          />
        </label>
      )}
    </section>
  );
}
