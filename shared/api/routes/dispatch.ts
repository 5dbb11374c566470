import { z } from 'zod';
import { Assignment } from '../../domain/assignment';
import { Incident } from '../../domain/incident';
import { defineContract } from '../contract';
import { AssignmentAction, CloseRequest, DispatchRequest, NoteRequest, Recommendation } from '../dispatch';
import { IdParams } from './ids';

export const RecommendationList = z.object({ recommendations: z.array(Recommendation) });
export const DispatchResult = z.object({ incident: Incident, assignments: z.array(Assignment) });
export const ReassignResult = z.object({ incident: Incident, assignment: Assignment });

export const dispatchRoutes = {
  recommendations: defineContract({
    method: 'get',
    path: '/api/v1/incidents/:id/recommendations',
    summary: 'Nearest available units of fitting kinds, with distance and estimated travel time',
    tags: ['dispatch'],
    permission: 'incidents:dispatch',
    params: IdParams,
    response: RecommendationList,
  }),
  dispatch: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/dispatch',
    summary: 'Send one or more units; each gets the assignment pushed to its phone',
    tags: ['dispatch'],
    permission: 'incidents:dispatch',
    params: IdParams,
    body: DispatchRequest,
    response: DispatchResult,
  }),
  addNote: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/notes',
    summary: 'Add a note to the incident timeline',
    tags: ['dispatch'],
    permission: 'incidents:note',
    params: IdParams,
    body: NoteRequest,
    response: Incident,
  }),
  close: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/close',
    summary: 'End the scene with an outcome: controlled, offender detained, false alarm or cancelled',
    tags: ['dispatch'],
    permission: 'incidents:close',
    params: IdParams,
    body: CloseRequest,
    response: Incident,
  }),
  checkIn: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/checkin',
    summary: 'The units at a distress scene report they are safe; resets the safety check-in timer',
    tags: ['dispatch'],
    permission: 'incidents:note',
    params: IdParams,
    response: Incident,
  }),
  reassign: defineContract({
    method: 'post',
    path: '/api/v1/assignments/:id/reassign',
    summary: 'Replace the unit of an assignment with another available unit',
    tags: ['dispatch'],
    permission: 'incidents:dispatch',
    params: IdParams,
    body: z.object({ unitId: z.uuid() }),
    response: ReassignResult,
  }),
  respond: defineContract({
    method: 'post',
    path: '/api/v1/assignments/:id/respond',
    summary: 'A unit answers its assignment: accept, en route, on scene, clear or decline',
    tags: ['dispatch'],
    permission: 'assignments:respond',
    params: IdParams,
    body: z.object({ action: AssignmentAction }),
    response: Assignment,
  }),
};
