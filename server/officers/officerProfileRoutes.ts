import { OfficerProfile } from '@shared/api/officerProfile';
import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import { appendAudit } from '../audit/auditLog';
import { can } from '../auth/permissions';
import { actorOf } from '../auth/principal';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute } from '../http/route';

/**
 * An officer's home address and close relatives: what a doxxer is after. Only the officer and
 * those whose work needs it (personal_data:read) may read it, and every attempt is audited,
 * refused ones included.
 */
export function registerOfficerProfileRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.officers.profile, async ({ params, principal, req }) => {
    const self = principal.kind === 'user' && principal.user.id === params.userId;
    const allowed = self || can(principal, 'personal_data:read');
    const audit = (outcome: 'success' | 'denied' | 'failure') =>
      appendAudit(ctx.db, {
        actor: actorOf(principal),
        action: 'officer.profile.read',
        target: `user:${params.userId}`,
        outcome,
        requestId: req.id,
      });
    if (!allowed) {
      await audit('denied');
      throw errors.forbidden("only the officer and those who need it may read an officer's personal data");
    }
    const row = await ctx.db
      .selectFrom('users')
      .leftJoin('officer_profiles', 'officer_profiles.user_id', 'users.id')
      .select([
        'users.id',
        'users.display_name',
        'officer_profiles.home_address',
        'officer_profiles.relatives',
      ])
      .where('users.id', '=', params.userId)
      .executeTakeFirst();
    if (!row) {
      await audit('failure');
      throw errors.notFound('officer');
    }
    await audit('success');
    return OfficerProfile.parse({
      userId: row.id,
      displayName: row.display_name,
      homeAddress: row.home_address,
      relatives: row.relatives ?? [],
    });
  });
}
