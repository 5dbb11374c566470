import { routes } from '@shared/api/routes';
import { LinkageRuleSetInput } from '@shared/domain/linkageRule';
import type { Router } from 'express';
import { assertCan } from '../auth/permissions';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { planTasks } from './planTasks';
import { currentRuleSet, replaceRuleSet } from './ruleRepository';

/** The linkage rule table: read and replace (admins, rules:manage) and a dry run for any alert. */
export function registerLinkageRoutes(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.linkage.rules, async () => currentRuleSet(ctx.db));

  defineRoute(router, ctx.registry, routes.linkage.replaceRules, async ({ body, principal, req }) =>
    replaceRuleSet(ctx.db, principal, body.basedOnVersion, body.ruleSet, req.id),
  );

  defineRoute(router, ctx.registry, routes.linkage.preview, async ({ body, principal }) => {
    let version = 0;
    let ruleSet = body.ruleSet;
    if (ruleSet) {
      assertCan(principal, 'rules:manage');
    } else {
      const current = await currentRuleSet(ctx.db);
      version = current.version;
      ruleSet = LinkageRuleSetInput.parse({ rules: current.rules, handling: current.handling });
    }
    return {
      version,
      tasks: planTasks(ruleSet.rules, ruleSet.handling, body.alert, ctx.config.TASK_ACK_DEADLINE_CAP_S),
    };
  });
}
