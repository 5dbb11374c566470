import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { changeIncident } from '../incidents/incidentCommands';
import type { EvidenceStore } from './evidenceStore';
import { FetchRefused, fetchForEvidence } from './safeFetch';

const SYSTEM: Principal = { kind: 'system', component: 'evidence' };

export type CaptureOutcome = 'captured' | 'retry' | 'manual' | 'nothing';

function limitsOf(config: Config) {
  return {
    maxBytes: config.EVIDENCE_MAX_BYTES,
    timeoutMs: config.EVIDENCE_TIMEOUT_MS,
    maxRedirects: config.EVIDENCE_MAX_REDIRECTS,
    allowLoopback: config.EVIDENCE_ALLOW_LOOPBACK,
    allowPrivate: config.EVIDENCE_ALLOW_PRIVATE,
  };
}

/**
 * Preserves one reported page (网安, 第九条): fetches it within the limits, stores body and
 * metadata, and records URL, final URL, time, headers and SHA-256 on the capture, with a timeline
 * entry, in one transaction. A failure is retried by the job; a refused URL or the last attempt
 * flags the capture for manual capture instead.
 */
export async function captureEvidence(
  deps: { db: Database; config: Config; store: EvidenceStore },
  incidentId: string,
  captureId: string,
  attempt: { number: number; max: number },
): Promise<CaptureOutcome> {
  const capture = await deps.db
    .selectFrom('evidence_captures')
    .selectAll()
    .where('id', '=', captureId)
    .executeTakeFirst();
  if (capture?.status !== 'pending') return 'nothing';
  const now = new Date();
  try {
    const page = await fetchForEvidence(capture.url, limitsOf(deps.config));
    // A server error says nothing about the page; try again later.
    if (page.status >= 500) throw new Error(`HTTP ${page.status}`);
    const sha256 = createHash('sha256').update(page.body).digest('hex');
    const key = `${incidentId}/${captureId}`;
    await deps.store.put(`${key}.body`, page.body);
    const metadata = {
      url: capture.url,
      finalUrl: page.finalUrl,
      status: page.status,
      headers: page.headers,
    };
    await deps.store.put(
      `${key}.json`,
      Buffer.from(JSON.stringify({ ...metadata, capturedAt: now, sha256 })),
    );
    await changeIncident(
      deps.db,
      SYSTEM,
      incidentId,
      () => ({
        kind: 'evidence_captured',
        details: {
          captureId,
          url: capture.url,
          finalUrl: page.finalUrl,
          sha256,
          sizeBytes: page.body.length,
        },
        also: async (trx) => {
          await trx
            .updateTable('evidence_captures')
            .set({
              status: 'captured',
              final_url: page.finalUrl,
              http_status: page.status,
              headers: JSON.stringify(page.headers),
              content_type: page.headers['content-type'] ?? null,
              size_bytes: page.body.length,
              sha256,
              storage_key: `${key}.body`,
              captured_at: now,
              attempts: attempt.number,
              error: null,
              updated_at: now,
            })
            .where('id', '=', captureId)
            .execute();
        },
      }),
      null,
    );
    return 'captured';
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const final = err instanceof FetchRefused || attempt.number >= attempt.max;
    if (!final) {
      await deps.db
        .updateTable('evidence_captures')
        .set({ attempts: attempt.number, error, updated_at: now })
        .where('id', '=', captureId)
        .execute();
      return 'retry';
    }
    await changeIncident(
      deps.db,
      SYSTEM,
      incidentId,
      () => ({
        kind: 'evidence_manual_capture',
        details: { captureId, url: capture.url, error, attempts: attempt.number },
        also: async (trx) => {
          await trx
            .updateTable('evidence_captures')
            .set({ status: 'manual_capture_required', attempts: attempt.number, error, updated_at: now })
            .where('id', '=', captureId)
            .execute();
        },
      }),
      null,
    );
    return 'manual';
  }
}
