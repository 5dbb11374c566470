import { Incident } from '../../domain/incident';
import { CreateAlertRequest, CreateApplicationRequest } from '../alert';
import { defineContract } from '../contract';
import { SosCancelRequest, SosRefineRequest } from '../field';
import { IdempotentHeaders } from '../headers';
import { IdParams } from './ids';

export const alertRoutes = {
  raise: defineContract({
    method: 'post',
    path: '/api/v1/alerts',
    summary:
      'Raise an alert (emergency button gateway, 110 system, camera, officer or supervisor). 201 with the new incident; with a repeated Idempotency-Key, 200 with the first one.',
    tags: ['alerts'],
    permission: 'alerts:create',
    headers: IdempotentHeaders,
    body: CreateAlertRequest,
    response: Incident,
    status: 201,
    alsoStatus: [200],
  }),
  apply: defineContract({
    method: 'post',
    path: '/api/v1/applications',
    summary:
      'File a rights-protection application (第十二条: a disciplinary dispute, a malicious complaint or smear). It goes to 维权办 as a task, never to the dispatch consoles. 201 with the matter; a repeated Idempotency-Key answers 200 with the first.',
    tags: ['alerts'],
    permission: 'applications:file',
    headers: IdempotentHeaders,
    body: CreateApplicationRequest,
    response: Incident,
    status: 201,
    alsoStatus: [200],
  }),
  cancelSos: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/cancel-sos',
    summary:
      'The officer who raised an SOS cancels it within SOS_CANCEL_WINDOW_S: recorded as a false activation (false_alarm, timeline sos_cancelled). Repeating it answers 200 with the same incident.',
    tags: ['alerts'],
    permission: 'alerts:create',
    params: IdParams,
    body: SosCancelRequest,
    response: Incident,
  }),
  refineSos: defineContract({
    method: 'post',
    path: '/api/v1/incidents/:id/sos-category',
    summary: 'The officer who raised an SOS says what it is; the priority follows the category',
    tags: ['alerts'],
    permission: 'alerts:create',
    params: IdParams,
    body: SosRefineRequest,
    response: Incident,
  }),
};
