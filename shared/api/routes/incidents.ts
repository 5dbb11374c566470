import { z } from 'zod';
import { Incident } from '../../domain/incident';
import { defineContract } from '../contract';
import { TimelineEntry } from '../snapshot';
import { IdParams } from './ids';

export const Timeline = z.object({ entries: z.array(TimelineEntry) });

export const incidentRoutes = {
  get: defineContract({
    method: 'get',
    path: '/api/v1/incidents/:id',
    summary: 'One incident',
    tags: ['incidents'],
    permission: 'stream:read',
    params: IdParams,
    response: Incident,
  }),
  timeline: defineContract({
    method: 'get',
    path: '/api/v1/incidents/:id/timeline',
    summary: 'The incident timeline: every step with actor and time',
    tags: ['incidents'],
    permission: 'stream:read',
    params: IdParams,
    response: Timeline,
  }),
  acknowledge: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/acknowledge',
    summary: 'A dispatcher takes the alert: silences the alarm on every console',
    tags: ['dispatch'],
    permission: 'incidents:acknowledge',
    params: IdParams,
    response: Incident,
  }),
};
