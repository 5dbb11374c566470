import type { CreateAlertRequest } from '@shared/api/alert';
import type { AssignmentAction } from '@shared/api/dispatch';
import { ErrorBody } from '@shared/api/error';
import { type PushSubscriptionRequest, VapidPublicKey } from '@shared/api/field';
import { Snapshot } from '@shared/api/snapshot';
import { EvidenceUpload, EvidenceUploadList } from '@shared/api/upload';
import { Assignment } from '@shared/domain/assignment';
import type { InfringementCategory } from '@shared/domain/category';
import { Incident } from '@shared/domain/incident';
import { Unit } from '@shared/domain/unit';
import { z } from 'zod';
import { ApiError } from '../api/http';
import { sessionExpired } from '../state/sessionStore';

/**
 * The field app's HTTP calls. Like api/http.ts, but a call may carry an Idempotency-Key: the
 * offline queue sends the same key on every retry so the server does the action once.
 */
async function send<S extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  options: { body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 12_000),
    });
  } catch (err) {
    const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
    throw new ApiError(0, timedOut ? 'timeout' : 'network', timedOut ? 'request timed out' : 'network error');
  }
  const text = await res.text().catch(() => '');
  let raw: unknown;
  try {
    raw = text === '' ? undefined : JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (!res.ok) {
    if (res.status === 401) sessionExpired();
    const parsed = ErrorBody.safeParse(raw);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(res.status, code, message, details);
    }
    throw new ApiError(res.status, res.status >= 500 ? 'unavailable' : 'bad_request', `HTTP ${res.status}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(res.status, 'protocol', `${path}: unexpected answer`);
  return parsed.data;
}

const Nothing = z.unknown();

export const fieldApi = {
  snapshot: () => send('GET', '/api/v1/snapshot', Snapshot, { timeoutMs: 30_000 }),
  raiseAlert: (body: CreateAlertRequest, idempotencyKey: string) =>
    send('POST', '/api/v1/alerts', Incident, { body, idempotencyKey }),
  cancelSos: (incidentId: string, afterS: number) =>
    send('POST', `/api/v1/incidents/${incidentId}/cancel-sos`, Incident, { body: { afterS } }),
  refineSos: (incidentId: string, category: InfringementCategory) =>
    send('POST', `/api/v1/incidents/${incidentId}/sos-category`, Incident, { body: { category } }),
  respond: (assignmentId: string, action: AssignmentAction, idempotencyKey: string) =>
    send('POST', `/api/v1/assignments/${assignmentId}/respond`, Assignment, {
      body: { action },
      idempotencyKey,
    }),
  duty: (onDuty: boolean) => send('POST', '/api/v1/field/duty', Unit, { body: { onDuty } }),
  vapidKey: () => send('GET', '/api/v1/push/vapid-public-key', VapidPublicKey),
  subscribePush: (sub: PushSubscriptionRequest) =>
    send('POST', '/api/v1/push/subscriptions', Nothing, { body: sub }),
  uploads: (incidentId: string) => send('GET', `/api/v1/incidents/${incidentId}/uploads`, EvidenceUploadList),
  upload: (id: string) => send('GET', `/api/v1/uploads/${id}`, EvidenceUpload),
};

/** Worth trying again later: the server was not reached, was busy, or failed on its side. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}
