import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute, WithStatus } from '../http/route';
import { assertCanSeeUpload } from '../uploads/uploadOwner';
import { listUploads } from '../uploads/uploadRepository';
import { assertManages, assertSeesCase, isDirector, managesCases, requireUser } from './caseAccess';
import { enterCalendarYear, listCalendarYears, packagedThrough } from './caseCalendar';
import {
  addCheckpoint,
  caseChecklist,
  closeCase,
  confirmCheckpoint,
  listCheckpointDefinitions,
} from './caseCheckpoints';
import { answerDocument, feedbackDocument } from './caseDocuments';
import { addRemedy } from './caseRemedies';
import { findCaseRow, officersOf, toCase } from './caseRepository';
import {
  addCaseTask,
  createCase,
  decideCase,
  escalateCase,
  extendFeedback,
  getCase,
  giveFeedback,
  listCases,
  openCaseFromIncident,
  recordReview,
  recordTaskResult,
  revealPersonal,
} from './caseService';

export function registerCaseRoutes(router: Router, ctx: AppContext): void {
  const r = routes.cases;
  defineRoute(router, ctx.registry, r.create, ({ principal, body }) => createCase(ctx.db, principal, body));
  defineRoute(router, ctx.registry, r.fromIncident, async ({ principal, body }) => {
    const { case: c, existed } = await openCaseFromIncident(ctx.db, principal, body.incidentId);
    return new WithStatus(existed ? 200 : 201, c);
  });
  defineRoute(router, ctx.registry, r.list, ({ principal, query }) => listCases(ctx.db, principal, query));
  defineRoute(router, ctx.registry, r.get, ({ principal, params }) => getCase(ctx.db, principal, params.id));
  defineRoute(router, ctx.registry, r.personal, ({ principal, params, req }) =>
    revealPersonal(ctx.db, principal, params.id, req.id),
  );
  defineRoute(router, ctx.registry, r.decide, ({ principal, params, body }) =>
    decideCase(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.review, ({ principal, params, body }) =>
    recordReview(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.addTask, ({ principal, params, body }) =>
    addCaseTask(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.taskResult, ({ principal, params, body }) =>
    recordTaskResult(ctx.db, principal, params.id, params.taskId, body.result),
  );
  defineRoute(router, ctx.registry, r.feedback, ({ principal, params, body }) =>
    giveFeedback(ctx.db, principal, params.id, body.text),
  );
  defineRoute(router, ctx.registry, r.extend, ({ principal, params, body }) =>
    extendFeedback(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.escalate, ({ principal, params, body }) =>
    escalateCase(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.addRemedy, ({ principal, params, body }) =>
    addRemedy(ctx.db, principal, params.id, body),
  );
  defineRoute(router, ctx.registry, r.approvers, async ({ principal }) => {
    assertManages(principal);
    const users = await ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'committee_director', 'disabled'])
      .where('disabled', '=', false)
      .where('role', '=', 'committee')
      .orderBy('committee_director', 'desc')
      .orderBy('username')
      .execute();
    return {
      approvers: users.map((u) => ({
        id: u.id,
        displayName: u.display_name,
        role: u.role,
        director: isDirector(u),
      })),
    };
  });

  /** Print-ready documents: the applicant's name is on them, so reading one is a personal-data read. */
  const documentRoute =
    (kind: 'answer' | 'feedback') =>
    async ({
      principal,
      params,
      req,
      res,
    }: {
      principal: Parameters<typeof requireUser>[0];
      params: { id: string };
      req: { id?: string };
      res: import('express').Response;
    }) => {
      requireUser(principal);
      const row = await findCaseRow(ctx.db, params.id);
      if (!row) throw errors.notFound('case');
      const why = await assertSeesCase(ctx.db, principal, row);
      if (why === 'department' && !managesCases(principal))
        throw errors.forbidden('documents go to the applicant');
      const officers = (await officersOf(ctx.db, [row.id])).get(row.id) ?? [];
      const c = toCase(row, officers, true);
      const html =
        kind === 'answer'
          ? answerDocument(c)
          : row.feedback_text && row.feedback_given_at
            ? feedbackDocument(c, row.feedback_text, new Date(row.feedback_given_at).toISOString())
            : null;
      if (!html)
        throw errors.notFound(kind === 'answer' ? 'answer (not decided yet)' : 'feedback (not given yet)');
      await appendAudit(ctx.db, {
        actor: actorOf(principal),
        action: `case.document.${kind}`,
        target: `case:${row.id}`,
        outcome: 'success',
        requestId: req.id ?? null,
      });
      res.status(200).type('html').send(html);
    };
  defineRoute(router, ctx.registry, r.answerDocument, documentRoute('answer'));
  defineRoute(router, ctx.registry, r.feedbackDocument, documentRoute('feedback'));

  defineRoute(router, ctx.registry, r.attachments, async ({ principal, params, req }) => {
    const owner = { caseId: params.id };
    await assertCanSeeUpload(ctx.db, principal, owner);
    const uploads = await listUploads(ctx.db, owner);
    await appendAudit(ctx.db, {
      actor: actorOf(principal),
      action: 'evidence_upload.list',
      target: `case:${params.id}`,
      outcome: 'success',
      requestId: req.id,
      details: { count: uploads.length },
    });
    return { uploads };
  });
  defineRoute(router, ctx.registry, r.checklist, ({ principal, params }) =>
    caseChecklist(ctx.db, principal, params.id),
  );
  defineRoute(router, ctx.registry, r.confirmCheckpoint, ({ principal, params, body }) =>
    confirmCheckpoint(ctx.db, principal, params.id, params.checkpointId, body.note),
  );
  defineRoute(router, ctx.registry, r.close, ({ principal, params, body }) =>
    closeCase(ctx.db, principal, params.id, body.note),
  );
  defineRoute(router, ctx.registry, r.checkpointDefinitions, async () => ({
    checkpoints: await listCheckpointDefinitions(ctx.db),
  }));
  defineRoute(router, ctx.registry, r.addCheckpoint, ({ principal, body }) =>
    addCheckpoint(ctx.db, principal, body),
  );

  defineRoute(router, ctx.registry, r.calendar, async () => ({
    years: await listCalendarYears(ctx.db),
    packagedThrough: packagedThrough(),
  }));
  defineRoute(router, ctx.registry, r.enterYear, ({ principal, params, body }) =>
    enterCalendarYear(ctx.db, principal, params.year, body),
  );
}
