import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { routes } from '@shared/api/routes';
import type { EvidenceUpload } from '@shared/api/upload';
import type { Request, Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { assertCan, can } from '../auth/permissions';
import { actorOf, type Principal } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { assertCanSeeIncident } from '../incidents/incidentAccess';
import { createTusServer, setCaller, TUS_PATH } from './tusServer';
import { assertCanSeeUpload, ownerOf } from './uploadOwner';
import { addCustody, findUpload, listUploads, readCustody } from './uploadRepository';

const _IdParams = z.object({ id: z.uuid() });

function deviceOf(req: Request): string | null {
  return req.get('user-agent')?.slice(0, 300) ?? null;
}

/** Types a browser may show in place; anything else is served as a download so it can never run as a page. */
const INLINE_TYPES = /^(image\/(jpeg|png|gif|webp|heic|heif)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

async function visibleUpload(ctx: AppContext, principal: Principal, id: string): Promise<EvidenceUpload> {
  const upload = await findUpload(ctx.db, id);
  if (!upload) throw errors.notFound('evidence upload');
  await assertCanSeeUpload(ctx.db, principal, ownerOf(upload));
  return upload;
}

/**
 * Evidence from officers' phones (issue #6, 第十三条). The tus endpoint takes the bytes
 * (resumable); the JSON routes show what an incident holds and serve the files, each read
 * written to the audit log and, for the files, to the evidence's chain of custody.
 */
export function registerUploadRoutes(router: Router, ctx: AppContext): void {
  const tus = createTusServer(ctx.db, ctx.config);

  // The gate in front of tus: a logged-in person who may add to an incident's record. The
  // phone may create, resume and read the offset of its uploads; it may not delete (evidence
  // stays) nor read them back through tus (downloads go through the audited route below).
  router.use(TUS_PATH, (req, res, next) => {
    const method = req.method.toUpperCase();
    if (method !== 'OPTIONS') {
      // people who add to an incident's record, or 维权办 and admins to a case's (checked per file on create)
      if (!can(req.principal, 'cases:manage')) assertCan(req.principal, 'incidents:note');
      if (!req.principal) throw errors.unauthenticated();
      if (req.principal.kind !== 'user') throw errors.forbidden('evidence is uploaded by a person');
      if (method === 'DELETE') throw errors.forbidden('evidence cannot be withdrawn once uploading began');
      if (method === 'GET') throw errors.notFound('route');
      setCaller(req, {
        principal: req.principal,
        device: deviceOf(req),
        ip: req.ip ?? null,
        requestId: req.id,
      });
    }
    // Mounted with use(), Express strips the prefix; tus reads the full path.
    req.url = req.originalUrl;
    tus.handle(req, res).catch(next);
  });

  defineRoute(router, ctx.registry, routes.evidence.uploads, async ({ params, principal, req }) => {
    await assertCanSeeIncident(ctx.db, principal, params.id);
    const uploads = await listUploads(ctx.db, { incidentId: params.id });
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'evidence_upload.list',
      target: `incident:${params.id}`,
      outcome: 'success',
      requestId: req.id,
      details: { count: uploads.length },
    });
    return { uploads };
  });

  defineRoute(router, ctx.registry, routes.evidence.upload, async ({ params, principal, req }) => {
    const upload = await visibleUpload(ctx, principal, params.id);
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'evidence_upload.read',
      target: `evidence_upload:${upload.id}`,
      outcome: 'success',
      requestId: req.id,
    });
    return upload;
  });

  defineRoute(router, ctx.registry, routes.evidence.custody, async ({ params, principal, req }) => {
    const upload = await visibleUpload(ctx, principal, params.id);
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'evidence_upload.custody_read',
      target: `evidence_upload:${upload.id}`,
      outcome: 'success',
      requestId: req.id,
    });
    return { upload, entries: await readCustody(ctx.db, upload.id) };
  });

  defineRoute(
    router,
    ctx.registry,
    routes.evidence.uploadContent,
    async ({ params, principal, req, res }) => {
      const upload = await visibleUpload(ctx, principal, params.id);
      if (upload.status === 'uploading') throw errors.conflict('the upload is not complete yet');
      const file = path.join(ctx.config.uploadsDir, upload.id);
      await fs.promises.access(file).catch(() => {
        throw errors.notFound('evidence file');
      });
      await ctx.db.transaction().execute(async (trx) => {
        await addCustody(trx, {
          uploadId: upload.id,
          actor: actorOf(principal),
          action: 'downloaded',
          device: deviceOf(req),
          ip: req.ip ?? null,
        });
        await appendAudit(trx, {
          actor: actorOf(principal),
          action: 'evidence_upload.download',
          target: `evidence_upload:${upload.id}`,
          outcome: 'success',
          requestId: req.id,
          details: { ...ownerOf(upload), sha256: upload.sha256 },
        });
      });
      const inline = INLINE_TYPES.test(upload.contentType);
      res.status(200);
      res.type(inline ? upload.contentType : 'application/octet-stream');
      res.setHeader('Content-Length', String(upload.sizeBytes));
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('Digest', `sha-256=${Buffer.from(upload.sha256 ?? '', 'hex').toString('base64')}`);
      res.attachment(upload.filename);
      if (inline)
        res.setHeader(
          'Content-Disposition',
          res.get('Content-Disposition')?.replace(/^attachment/, 'inline') ?? 'inline',
        );
      await pipeline(fs.createReadStream(file), res);
      return undefined;
    },
  );
}
