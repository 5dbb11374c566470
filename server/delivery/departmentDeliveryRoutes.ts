import { routes } from '@shared/api/routes';
import { DepartmentId } from '@shared/domain/department';
import type { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/auditLog';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';
import { departmentDelivery } from './departmentChannels';

const _Params = z.object({ id: DepartmentId });

/** Per department: its webhook (URL and signing secret) and the SMS/IM addresses of its duty desk and head. */
export function registerDepartmentDeliveryRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.linkage.departmentDelivery, async ({ params }) =>
    departmentDelivery(ctx.db, params.id),
  );

  defineRoute(
    router,
    ctx.registry,
    routes.linkage.setDepartmentDelivery,
    async ({ params, body, principal, req }) => {
      const before = await departmentDelivery(ctx.db, params.id);
      if (body.webhookUrl && !body.webhookSecret && !before.hasWebhookSecret)
        throw errors.badRequest('webhookSecret: a webhook needs a signing secret');
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('departments')
          .set({
            webhook_url: body.webhookUrl,
            ...(body.webhookSecret ? { webhook_secret: body.webhookSecret } : {}),
            ...(body.webhookUrl === null ? { webhook_secret: null } : {}),
          })
          .where('id', '=', params.id)
          .execute();
        const contacts = {
          ...(body.dutyContact !== undefined ? { duty_contact: body.dutyContact } : {}),
          ...(body.headContact !== undefined ? { head_contact: body.headContact } : {}),
        };
        await trx
          .insertInto('department_contacts')
          .values({ department_id: params.id, duty_contact: null, head_contact: null, ...contacts })
          .onConflict((oc) =>
            Object.keys(contacts).length ? oc.column('department_id').doUpdateSet(contacts) : oc.doNothing(),
          )
          .execute();
        await appendAudit(trx, {
          actor: actorOf(principal),
          action: 'department.delivery.update',
          target: `department:${params.id}`,
          outcome: 'success',
          requestId: req.id,
          details: {
            webhookUrl: body.webhookUrl,
            secretChanged: body.webhookSecret !== undefined,
            dutyContact: body.dutyContact,
            headContact: body.headContact,
          },
        });
      });
      return departmentDelivery(ctx.db, params.id);
    },
  );
}
