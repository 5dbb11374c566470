import {
  LinkageRuleSet,
  LinkageRuleSetInput,
  PreviewRequest,
  PreviewResponse,
  ReplaceRuleSetRequest,
} from '@shared/domain/linkageRule';
import type { Router } from 'express';
import { assertCan } from '../auth/permissions';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { planTasks } from './planTasks';
import { currentRuleSet, replaceRuleSet } from './ruleRepository';

/** The linkage rule table: read and replace (admins, rules:manage) and a dry run for any alert. */
export function registerLinkageRoutes(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/linkage/rules',
      summary:
        'The linkage rules in force: which department gets which task for which alert, citing the article',
      tags: ['linkage'],
      permission: 'rules:manage',
      response: LinkageRuleSet,
    },
    async () => currentRuleSet(ctx.db),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'put',
      path: '/api/v1/linkage/rules',
      summary: 'Replace the whole rule set; saved as the next version (409 if basedOnVersion is not current)',
      tags: ['linkage'],
      permission: 'rules:manage',
      body: ReplaceRuleSetRequest,
      response: LinkageRuleSet,
    },
    async ({ body, principal, req }) =>
      replaceRuleSet(ctx.db, principal, body.basedOnVersion, body.ruleSet, req.id),
  );

  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/linkage/preview',
      summary:
        'Which tasks an alert would produce, under the rules in force or a draft (draft: rules:manage)',
      tags: ['linkage'],
      permission: 'tasks:read_all',
      body: PreviewRequest,
      response: PreviewResponse,
    },
    async ({ body, principal }) => {
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
    },
  );
}
