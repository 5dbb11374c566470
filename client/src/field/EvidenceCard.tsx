import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../common/store';
import { chooseEvidenceIncident, evidenceTarget, evidenceTargets, type FieldState } from './fieldStore';
import { resumeUpload, startUpload, type UploadItem, uploadStore } from './uploads';

const selectUploads = (items: UploadItem[]) => items;

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function CaptureButton({
  accept,
  capture,
  label,
  testId,
  onFile,
}: {
  accept: string;
  capture?: 'environment' | 'user';
  label: string;
  testId: string;
  onFile: (file: File) => void;
}) {
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    for (const file of Array.from(e.target.files ?? [])) onFile(file);
    e.target.value = '';
  };
  return (
    <label className="field-btn field-btn-capture">
      <input
        type="file"
        accept={accept}
        capture={capture}
        onChange={change}
        className="visually-hidden"
        data-testid={testId}
      />
      {label}
    </label>
  );
}

/** 第十三条: audio and video collected at once, uploaded to the incident with a checksum. */
export function EvidenceCard({ state }: { state: FieldState }) {
  const { t } = useTranslation();
  const uploads = useStore(uploadStore, selectUploads);
  const targets = evidenceTargets(state);
  const target = evidenceTarget(state);
  const send = (file: File) => {
    if (target) void startUpload(file, { incidentId: target.id });
  };
  return (
    <section className="field-card" aria-labelledby="evidence-title" data-testid="evidence-card">
      <h2 id="evidence-title" className="card-title">
        {t('field.evidenceTitle')}
      </h2>
      {!target ? (
        <p className="card-hint">{t('field.evidenceNone')}</p>
      ) : (
        <>
          <label className="evidence-target">
            <span>{t('field.evidenceFor')}</span>
            <select
              value={target.id}
              onChange={(e) => chooseEvidenceIncident(e.target.value)}
              data-testid="evidence-incident"
            >
              {targets.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.reference} · {t(`categoryShort.${i.category}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="capture-row">
            <CaptureButton
              accept="image/*"
              capture="environment"
              label={t('field.photo')}
              testId="capture-photo"
              onFile={send}
            />
            <CaptureButton
              accept="video/*"
              capture="environment"
              label={t('field.video')}
              testId="capture-video"
              onFile={send}
            />
            <CaptureButton
              accept="audio/*"
              capture="user"
              label={t('field.audio')}
              testId="capture-audio"
              onFile={send}
            />
            <CaptureButton
              accept="image/*,audio/*,video/*"
              label={t('field.file')}
              testId="capture-file"
              onFile={send}
            />
          </div>
        </>
      )}
      {uploads.length > 0 && (
        <ul className="upload-list" data-testid="upload-list">
          {uploads.map((u) => {
            const percent = Math.round(u.progress * 100);
            return (
              <li
                key={u.localId}
                className={`upload upload-${u.phase}`}
                data-testid="upload-item"
                data-phase={u.phase}
              >
                <div className="upload-head">
                  <span className="upload-name">{u.name}</span>
                  <span className="upload-size">{sizeLabel(u.size)}</span>
                </div>
                {(u.phase === 'hashing' || u.phase === 'uploading') && (
                  <progress max={100} value={percent} aria-label={u.name} />
                )}
                <p className="upload-state">
                  {u.phase === 'hashing' && t('field.hashing', { percent })}
                  {u.phase === 'uploading' && t('field.uploading', { percent })}
                  {u.phase === 'stored' && `✓ ${t('field.stored')}`}
                  {u.phase === 'mismatch' && `✗ ${t('field.mismatch')}`}
                  {u.phase === 'failed' && t('field.failed', { message: u.error ?? '' })}
                </p>
                {u.sha256 && (
                  <p className="upload-sha mono">{t('field.sha', { hash: u.sha256.slice(0, 16) })}</p>
                )}
                {u.phase === 'failed' && u.sha256 && (
                  <button
                    type="button"
                    className="field-btn field-btn-plain"
                    onClick={() => resumeUpload(u.localId)}
                  >
                    {t('field.resume')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
