import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { assertCanReadEvidence, assertCanReadIncidentEvidence } from './evidenceAccess';
import { toCapture } from './evidenceMapper';
import { FileEvidenceStore } from './evidenceStore';

const _IdParams = z.object({ id: z.uuid() });

export function registerEvidenceRoutes(router: Router, ctx: AppContext): void {
  const store = new FileEvidenceStore(ctx.config.evidenceDir);

  defineRoute(router, ctx.registry, routes.evidence.captures, async ({ params, principal }) => {
    await assertCanReadIncidentEvidence(ctx.db, principal, params.id);
    const rows = await ctx.db
      .selectFrom('evidence_captures')
      .selectAll()
      .where('incident_id', '=', params.id)
      .orderBy('created_at')
      .execute();
    return { captures: rows.map(toCapture) };
  });

  defineRoute(router, ctx.registry, routes.evidence.captureBody, async ({ params, principal, req, res }) => {
    assertCanReadEvidence(principal);
    const row = await ctx.db
      .selectFrom('evidence_captures')
      .selectAll()
      .where('id', '=', params.id)
      .executeTakeFirst();
    if (!row?.storage_key) throw errors.notFound('evidence capture');
    await assertCanReadIncidentEvidence(ctx.db, principal, row.incident_id);
    const body = await store.get(row.storage_key);
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'evidence.read',
      target: `evidence:${row.id}`,
      outcome: 'success',
      requestId: req.id,
      details: { incidentId: row.incident_id, sha256: row.sha256 },
    });
    // A captured page is hostile content: served as an opaque download, never as HTML of this origin.
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-disposition', `attachment; filename="${row.id}.bin"`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-evidence-sha256', row.sha256 ?? '');
    res.status(200).send(body);
  });
}
