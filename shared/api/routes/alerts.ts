import { Incident } from '../../domain/incident';
import { CreateAlertRequest } from '../alert';
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
};
