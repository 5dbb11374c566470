import { captureEvidence } from '../../server/evidence/captureEvidence';
import { FileEvidenceStore } from '../../server/evidence/evidenceStore';
import type { JobHandler } from '../startWorkers';

/**
 * Captures one reported URL for 网安. A retryable failure throws so BullMQ backs off; the last
 * attempt (the job's or EVIDENCE_ATTEMPTS, whichever comes first) flags it for manual capture.
 */
export const handleEvidenceCapture: JobHandler<'evidence.capture'> = async (
  { incidentId, captureId },
  ctx,
  job,
) => {
  const store = new FileEvidenceStore(ctx.config.evidenceDir);
  const max = Math.min(ctx.config.EVIDENCE_ATTEMPTS, job.opts.attempts ?? 1);
  const outcome = await captureEvidence({ db: ctx.db, config: ctx.config, store }, incidentId, captureId, {
    number: job.attemptsMade + 1,
    max,
  });
  if (outcome === 'retry') throw new Error(`evidence capture ${captureId} failed; will retry`);
};
