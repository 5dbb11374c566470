import { CreateAlertRequest } from '@shared/api/alert';
import { Incident } from '@shared/domain/incident';
import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { errors } from '../http/errors';
import { defineRoute, WithStatus } from '../http/route';
import { raiseAlert } from './alertService';

const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8–128 letters, digits or _ . : -');

export function registerAlertRoutes(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'post',
      path: '/api/v1/alerts',
      summary:
        'Raise an alert (emergency button gateway, 110 system, camera, officer or supervisor). 201 with the new incident; with a repeated Idempotency-Key, 200 with the first one.',
      tags: ['alerts'],
      permission: 'alerts:create',
      body: CreateAlertRequest,
      response: Incident,
      status: 201,
    },
    async ({ body, principal, req }) => {
      const header = req.get('idempotency-key');
      let idempotencyKey: string | undefined;
      if (header !== undefined) {
        const parsed = IdempotencyKey.safeParse(header);
        if (!parsed.success) throw errors.validation(parsed.error, 'headers.idempotency-key');
        idempotencyKey = parsed.data;
      }
      const { incident, replayed } = await raiseAlert(ctx.db, principal, body, {
        idempotencyKey,
        requestId: req.id,
        unackedLadderS: ctx.config.UNACKED_LADDER_S,
      });
      if (!replayed) ctx.kickRelay();
      return new WithStatus(replayed ? 200 : 201, incident);
    },
  );
}
