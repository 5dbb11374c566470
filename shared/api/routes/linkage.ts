import { z } from 'zod';
import { DepartmentId } from '../../domain/department';
import {
  LinkageRuleSet,
  PreviewRequest,
  PreviewResponse,
  ReplaceRuleSetRequest,
} from '../../domain/linkageRule';
import { defineContract } from '../contract';
import { DepartmentDelivery, DepartmentDeliveryRequest } from '../task';

const DepartmentParams = z.object({ id: DepartmentId });

export const linkageRoutes = {
  rules: defineContract({
    method: 'get',
    path: '/api/v1/linkage/rules',
    summary:
      'The linkage rules in force: which department gets which task for which alert, citing the article',
    tags: ['linkage'],
    permission: 'rules:manage',
    response: LinkageRuleSet,
  }),
  replaceRules: defineContract({
    method: 'put',
    path: '/api/v1/linkage/rules',
    summary: 'Replace the whole rule set; saved as the next version (409 if basedOnVersion is not current)',
    tags: ['linkage'],
    permission: 'rules:manage',
    body: ReplaceRuleSetRequest,
    response: LinkageRuleSet,
  }),
  preview: defineContract({
    method: 'post',
    path: '/api/v1/linkage/preview',
    summary: 'Which tasks an alert would produce, under the rules in force or a draft (draft: rules:manage)',
    tags: ['linkage'],
    permission: 'tasks:read_all',
    body: PreviewRequest,
    response: PreviewResponse,
  }),
  departmentDelivery: defineContract({
    method: 'get',
    path: '/api/v1/departments/:id/delivery',
    summary: "How a department's own systems hear of its tasks (the secret is never shown)",
    tags: ['linkage'],
    permission: 'rules:manage',
    params: DepartmentParams,
    response: DepartmentDelivery,
  }),
  setDepartmentDelivery: defineContract({
    method: 'put',
    path: '/api/v1/departments/:id/delivery',
    summary: "Set a department's webhook and contacts; a webhook URL needs a secret (given now or before)",
    tags: ['linkage'],
    permission: 'rules:manage',
    params: DepartmentParams,
    body: DepartmentDeliveryRequest,
    response: DepartmentDelivery,
  }),
};
