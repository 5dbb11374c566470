import { paths, routes } from '@shared/api/routes';
import type { UploadKind } from '@shared/api/upload';
import * as tus from 'tus-js-client';
import { call } from '../api/call';
import { createStore } from '../common/store';
import { hashBlob } from './hashFile';

/**
 * Evidence from the phone to an incident (第十三条): the file's SHA-256 is computed here first
 * and sent with it; tus sends it in 4 MB chunks and, after a drop, asks the server how far it
 * got and goes on from there; the server hashes what it stored and the phone shows whether the
 * two agree.
 */
export type UploadPhase = 'hashing' | 'uploading' | 'stored' | 'mismatch' | 'failed';

/** Where a file goes: an incident's record (the phone at the scene) or a case's (维权办, the applicant). */
export type UploadTarget = { incidentId: string } | { caseId: string };

function targetId(target: UploadTarget): string {
  return 'caseId' in target ? target.caseId : target.incidentId;
}

export interface UploadItem {
  localId: string;
  /** The incident or case id the file goes to. */
  targetId: string;
  name: string;
  kind: UploadKind;
  size: number;
  phase: UploadPhase;
  /** 0…1 of the current phase. */
  progress: number;
  sha256: string | null;
  serverSha256: string | null;
  error: string | null;
}

export const uploadStore = createStore<UploadItem[]>([]);

const running = new Map<string, tus.Upload>();
let counter = 0;

function patch(localId: string, change: Partial<UploadItem>): void {
  uploadStore.set((items) => items.map((i) => (i.localId === localId ? { ...i, ...change } : i)));
}

export function kindOf(file: File): UploadKind {
  if (file.type.startsWith('image/')) return 'photo';
  if (file.type.startsWith('audio/')) return 'audio';
  if (file.type.startsWith('video/')) return 'video';
  return 'other';
}

/** Hashes and uploads one file to an incident or a case; progress shows in uploadStore. */
export async function startUpload(file: File, target: UploadTarget): Promise<void> {
  counter += 1;
  const localId = `u${Date.now()}-${counter}`;
  const kind = kindOf(file);
  uploadStore.set((items) => [
    {
      localId,
      targetId: targetId(target),
      name: file.name || `${kind}-${new Date().toISOString()}`,
      kind,
      size: file.size,
      phase: 'hashing',
      progress: 0,
      sha256: null,
      serverSha256: null,
      error: null,
    },
    ...items,
  ]);
  let sha256: string;
  try {
    sha256 = await hashBlob(file, { onProgress: (progress) => patch(localId, { progress }) });
  } catch (err) {
    patch(localId, { phase: 'failed', error: err instanceof Error ? err.message : String(err) });
    return;
  }
  patch(localId, { sha256, phase: 'uploading', progress: 0 });
  const upload = new tus.Upload(file, {
    endpoint: paths.tusUploads,
    chunkSize: 4 * 1024 * 1024,
    // A phone on a bad network: keep trying for about a minute, then offer "continue".
    retryDelays: [0, 1000, 3000, 5000, 10_000, 20_000],
    removeFingerprintOnSuccess: true,
    metadata: {
      ...target,
      filename: file.name || `${kind}.bin`,
      filetype: file.type || 'application/octet-stream',
      kind,
      sha256,
    },
    onProgress: (sent, total) => patch(localId, { progress: total ? sent / total : 0 }),
    onAfterResponse: (_req, res) => {
      const serverSha256 = res.getHeader('Upload-Sha256');
      if (serverSha256) patch(localId, { serverSha256 });
    },
    onSuccess: () => {
      running.delete(localId);
      void confirm(localId, upload.url);
    },
    onError: (err) =>
      patch(localId, { phase: 'failed', error: err.message.split('\n')[0] ?? 'upload failed' }),
  });
  running.set(localId, upload);
  // The same file picked again after the app was closed mid-upload goes on where it stopped
  // (tus-js-client keeps each unfinished upload's URL in localStorage, by file fingerprint).
  try {
    const previous = await upload.findPreviousUploads();
    const same = previous.find(
      (p) =>
        (p.metadata.caseId ?? p.metadata.incidentId) === targetId(target) && p.metadata.sha256 === sha256,
    );
    if (same) upload.resumeFromPreviousUpload(same);
  } catch {
    // no storage: start from the beginning
  }
  upload.start();
}

/** The server's own record decides: stored (hashes agree) or mismatch. */
async function confirm(localId: string, url: string | null): Promise<void> {
  const id = url?.split('/').pop();
  const item = uploadStore.get().find((i) => i.localId === localId);
  if (!id || !item) return;
  try {
    const record = await call(routes.evidence.upload, { params: { id } });
    patch(localId, {
      phase: record.status === 'stored' && record.sha256 === item.sha256 ? 'stored' : 'mismatch',
      serverSha256: record.sha256,
      progress: 1,
    });
  } catch {
    // The header said it already; without the record, trust the header's hash.
    patch(localId, { phase: item.serverSha256 === item.sha256 ? 'stored' : 'mismatch', progress: 1 });
  }
}

/** Goes on with a failed upload from where the server has it. */
export function resumeUpload(localId: string): void {
  const upload = running.get(localId);
  if (!upload) return;
  patch(localId, { phase: 'uploading', error: null });
  upload.start();
}
