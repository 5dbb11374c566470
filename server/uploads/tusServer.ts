import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { paths } from '@shared/api/routes';
import { UploadMetadata } from '@shared/api/upload';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions } from '@tus/server';
import { appendAudit } from '../audit/auditLog';
import { actorOf, type Principal } from '../auth/principal';
import { appendCaseEvent } from '../cases/caseRepository';
import type { Config } from '../config/env';
import type { Database } from '../db/database';
import { AppError } from '../http/errors';
import { logger } from '../observability/logger';
import { hashFile } from './fileHash';
import { assertCanAttach, type UploadOwner } from './uploadOwner';
import { addCustody } from './uploadRepository';

/** The URL path of the tus endpoint; an upload lives at TUS_PATH/<id>. */
export const TUS_PATH = paths.tusUploads;

/** Who is behind each request the tus server handles, set by the Express gate before it. */
export interface UploadCaller {
  principal: Extract<Principal, { kind: 'user' }>;
  device: string | null;
  ip: string | null;
  requestId: string;
}
const callers = new WeakMap<object, UploadCaller>();

export function setCaller(req: IncomingMessage, caller: UploadCaller): void {
  callers.set(req, caller);
}

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];

/** A tus hook refuses by throwing {status_code, body}; the server writes that as the answer. */
class TusRefusal extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

function callerOf(req: TusRequest): UploadCaller {
  const node = req.runtime?.node?.req;
  const caller = node ? callers.get(node) : undefined;
  if (!caller) throw new TusRefusal(401, 'log in first\n');
  return caller;
}

function refusalOf(err: unknown): TusRefusal {
  if (err instanceof TusRefusal) return err;
  if (err instanceof AppError) return new TusRefusal(err.status, `${err.message}\n`);
  throw err;
}

/**
 * The tus (resumable upload) endpoint for evidence from officers' phones and case files. Bytes land in
 * UPLOADS_DIR/<id> (a FileStore; an S3 store from @tus/s3-store would slot in here). Creating
 * an upload checks the metadata and that the caller may add to the incident or case, and opens its chain
 * of custody; only the uploader may resume it; when the last byte arrives the server hashes the
 * stored file and compares the SHA-256 with the one the phone computed.
 */
export function createTusServer(db: Database, config: Config): Server {
  const directory = config.uploadsDir;
  return new Server({
    path: TUS_PATH,
    datastore: new FileStore({ directory }),
    relativeLocation: true,
    maxSize: config.UPLOAD_MAX_BYTES,
    disableTerminationForFinishedUploads: true,
    namingFunction: () => crypto.randomUUID(),

    async onIncomingRequest(req, uploadId) {
      try {
        const caller = callerOf(req);
        if (req.method === 'POST') return;
        const row = await db
          .selectFrom('evidence_uploads')
          .select(['uploaded_by_user_id'])
          .where('id', '=', uploadId)
          .executeTakeFirst();
        if (!row) throw new TusRefusal(404, 'upload not found\n');
        if (row.uploaded_by_user_id !== caller.principal.user.id) {
          throw new TusRefusal(403, 'only the officer who started an upload may continue it\n');
        }
      } catch (err) {
        throw refusalOf(err);
      }
    },

    async onUploadCreate(req, upload) {
      try {
        const caller = callerOf(req);
        const parsed = UploadMetadata.safeParse(upload.metadata ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new TusRefusal(400, `Upload-Metadata ${issue?.path.join('.')}: ${issue?.message}\n`);
        }
        if (upload.size === undefined) throw new TusRefusal(400, 'Upload-Length is required\n');
        const meta = parsed.data;
        const owner: UploadOwner = meta.caseId
          ? { caseId: meta.caseId }
          : { incidentId: meta.incidentId ?? '' };
        await assertCanAttach(db, caller.principal, owner);
        if ('incidentId' in owner) {
          const exists = await db
            .selectFrom('incidents')
            .select('id')
            .where('id', '=', owner.incidentId)
            .executeTakeFirst();
          if (!exists) throw new TusRefusal(404, 'incident not found\n');
        }
        const { user } = caller.principal;
        const unfinished = await db
          .selectFrom('evidence_uploads')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('uploaded_by_user_id', '=', user.id)
          .where('status', '=', 'uploading')
          .executeTakeFirst();
        if (Number(unfinished?.n ?? 0) >= config.UPLOAD_MAX_CONCURRENT_PER_USER) {
          throw new TusRefusal(
            429,
            `at most ${config.UPLOAD_MAX_CONCURRENT_PER_USER} unfinished uploads at once; finish or wait for one\n`,
          );
        }
        const now = new Date();
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('evidence_uploads')
            .values({
              id: upload.id,
              incident_id: meta.incidentId ?? null,
              case_id: meta.caseId ?? null,
              kind: meta.kind,
              filename: meta.filename,
              content_type: meta.filetype || 'application/octet-stream',
              size_bytes: upload.size ?? 0,
              status: 'uploading',
              client_sha256: meta.sha256,
              uploaded_by_user_id: user.id,
              unit_id: user.unitId,
              device: caller.device,
              created_at: now,
            })
            .execute();
          const details = {
            ...owner,
            filename: meta.filename,
            kind: meta.kind,
            sizeBytes: upload.size,
            clientSha256: meta.sha256,
          };
          await addCustody(
            trx,
            {
              uploadId: upload.id,
              actor: actorOf(caller.principal),
              action: 'created',
              device: caller.device,
              ip: caller.ip,
              details,
            },
            now,
          );
          await appendAudit(trx, {
            actor: actorOf(caller.principal),
            action: 'evidence_upload.create',
            target: `evidence_upload:${upload.id}`,
            outcome: 'success',
            requestId: caller.requestId,
            details,
          });
        });
        return {};
      } catch (err) {
        throw refusalOf(err);
      }
    },

    async onUploadFinish(req, upload) {
      try {
        const caller = callerOf(req);
        const row = await db
          .selectFrom('evidence_uploads')
          .select(['client_sha256', 'incident_id', 'case_id'])
          .where('id', '=', upload.id)
          .executeTakeFirst();
        if (!row) throw new TusRefusal(404, 'upload not found\n');
        const stored = await hashFile(path.join(directory, upload.id));
        const match = stored.sha256 === row.client_sha256;
        const status = match ? 'stored' : 'hash_mismatch';
        const now = new Date();
        const details = {
          ...(row.case_id ? { caseId: row.case_id } : { incidentId: row.incident_id }),
          sha256: stored.sha256,
          clientSha256: row.client_sha256,
          sizeBytes: stored.size,
          match,
        };
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('evidence_uploads')
            .set({ status, sha256: stored.sha256, size_bytes: stored.size, completed_at: now })
            .where('id', '=', upload.id)
            .execute();
          await addCustody(
            trx,
            {
              uploadId: upload.id,
              actor: actorOf(caller.principal),
              action: status,
              device: caller.device,
              ip: caller.ip,
              details,
            },
            now,
          );
          // A case's timeline shows each file as it is verified (or found not to match).
          if (row.case_id)
            await appendCaseEvent(
              trx,
              row.case_id,
              { id: actorOf(caller.principal), name: caller.principal.user.displayName },
              'attachment_added',
              { uploadId: upload.id, sha256: stored.sha256, match },
              now,
            );
          await appendAudit(trx, {
            actor: actorOf(caller.principal),
            action: `evidence_upload.${status}`,
            target: `evidence_upload:${upload.id}`,
            outcome: match ? 'success' : 'failure',
            requestId: caller.requestId,
            details,
          });
        });
        if (!match) logger.warn({ uploadId: upload.id, ...details }, 'evidence upload hash mismatch');
        // The phone compares these with what it computed; tus clients accept extra headers on the 204.
        return { headers: { 'Upload-Sha256': stored.sha256, 'Upload-Verified': String(match) } };
      } catch (err) {
        throw refusalOf(err);
      }
    },
  });
}
