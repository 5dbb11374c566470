import { Incident } from '../../domain/incident';
import { CreateAlertRequest, CreateApplicationRequest } from '../alert';
import { defineContract } from '../contract';
import { IdempotentHeaders } from '../headers';

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
};
