import { type LoginRequest, MeResponse } from '@shared/api/auth';
import { type CloseRequest, Recommendation } from '@shared/api/dispatch';
import { ClientConfig, Snapshot, TimelineEntry } from '@shared/api/snapshot';
import { Assignment } from '@shared/domain/assignment';
import { Incident } from '@shared/domain/incident';
import { z } from 'zod';
import { request } from './http';

/** The server's HTTP contract, one function per route, every answer checked by its shared schema. */

const incidentPath = (id: string, action: string) => `/api/v1/incidents/${encodeURIComponent(id)}/${action}`;

/** Routes whose answer the console does not read beyond success. */
const Anything = z.unknown();

export const api = {
  login: (credentials: LoginRequest) =>
    request('POST', '/api/v1/auth/login', MeResponse, { body: credentials, expect401: true }),
  logout: () => request('POST', '/api/v1/auth/logout', Anything, { expect401: true }),
  me: () => request('GET', '/api/v1/me', MeResponse, { expect401: true }),
  clientConfig: () => request('GET', '/api/v1/config/client', ClientConfig),
  snapshot: () => request('GET', '/api/v1/snapshot', Snapshot, { timeoutMs: 60_000 }),
  timeline: (id: string) =>
    request('GET', incidentPath(id, 'timeline'), z.object({ entries: z.array(TimelineEntry) })),
  acknowledge: (id: string) => request('POST', incidentPath(id, 'acknowledge'), Incident),
  recommendations: (id: string) =>
    request(
      'GET',
      incidentPath(id, 'recommendations'),
      z.object({ recommendations: z.array(Recommendation) }),
    ),
  dispatch: (id: string, unitIds: string[]) =>
    request(
      'POST',
      incidentPath(id, 'dispatch'),
      z.object({ assignments: z.array(Assignment), incident: Incident.optional() }),
      { body: { unitIds } },
    ),
  note: (id: string, text: string) =>
    request('POST', incidentPath(id, 'notes'), Anything, { body: { text } }),
  close: (id: string, body: CloseRequest) => request('POST', incidentPath(id, 'close'), Anything, { body }),
  /** The units at a distress scene are safe (confirmed by radio): resets the safety check-in timer. */
  checkIn: (id: string) => request('POST', incidentPath(id, 'checkin'), Anything, { body: {} }),
};

/** Reads an incident out of an answer whose shape the contract leaves open (notes, close, checkin). */
export function incidentIn(answer: unknown): Incident | null {
  const direct = Incident.safeParse(answer);
  if (direct.success) return direct.data;
  const wrapped = z.object({ incident: Incident }).safeParse(answer);
  return wrapped.success ? wrapped.data.incident : null;
}
