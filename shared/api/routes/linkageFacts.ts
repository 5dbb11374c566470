import { z } from 'zod';
import { Incident } from '../../domain/incident';
import { DepartmentTask } from '../../domain/task';
import { defineContract } from '../contract';
import { CorrectHandlingRequest, HandlingRevisionList, UpdateFactsRequest } from '../linkage';

const IdParams = z.object({ id: z.uuid() });

/** Facts that change after the alert, and the handling suggestion they drive (issue #11). */
export const linkageFactsRoutes = {
  updateFacts: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/facts',
    summary:
      'Correct the facts of an incident (category, injury, vehicle, on road, content URLs, officers, media attention) with a reason; the linkage re-plans: new tasks, tasks stood down with the reason, the handling suggestion revised, all on the timeline.',
    tags: ['linkage'],
    permission: 'incidents:dispatch',
    params: IdParams,
    body: UpdateFactsRequest,
    response: Incident,
  }),
  correctHandling: defineContract({
    method: 'post',
    path: '/api/v1/tasks/:id/handling',
    summary:
      'A dispatcher, or the case-handling or legal unit working the task, corrects its 第二十一条 handling suggestion with a reason. Every revision is kept; a later re-plan does not overwrite a correction.',
    tags: ['linkage'],
    permission: 'handling:correct',
    params: IdParams,
    body: CorrectHandlingRequest,
    response: DepartmentTask,
  }),
  handlingRevisions: defineContract({
    method: 'get',
    path: '/api/v1/tasks/:id/handling',
    summary:
      'Every revision of a task’s handling suggestion, oldest first: the linkage’s, each re-plan’s, each correction.',
    tags: ['linkage'],
    permission: 'stream:read',
    params: IdParams,
    response: HandlingRevisionList,
  }),
};
