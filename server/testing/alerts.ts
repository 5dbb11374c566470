import type { CreateAlertRequest } from '@shared/api/alert';
import { routes } from '@shared/api/routes';
import type { Incident } from '@shared/domain/incident';
import { deviceCaller, expectOk, type TestCaller, testClient } from './testClient';

/** A vehicle ramming on a road in 赣县区, reported by the 110 system: produces linkage tasks. */
export const RAMMING_ALERT = {
  category: 'vehicle_ramming',
  source: 'call_110',
  position: { lat: 25.8607, lng: 115.0116 },
  address: '赣县区 梅林大道（测试）',
  injured: true,
  vehicleInvolved: true,
  onRoad: true,
} satisfies CreateAlertRequest;

/** An officer's distress button: the most urgent kind of alert. */
export const DISTRESS_ALERT = {
  category: 'violent_attack',
  source: 'sos_button',
  position: { lat: 25.8607, lng: 115.0116 },
  address: '赣县区 测试路 1 号',
} satisfies CreateAlertRequest;

/**
 * Raises an alert through the route (the demo gateway's device key unless a caller is given)
 * and returns the incident: the incident factory of the tests. Fails the test on a refusal;
 * to look at a refusal, call `testClient(...)(routes.alerts.raise, ...)` directly.
 */
export async function raiseAlert(
  baseUrl: string,
  alert: CreateAlertRequest = DISTRESS_ALERT,
  options: { caller?: TestCaller; idempotencyKey?: string } = {},
): Promise<Incident> {
  const api = testClient(baseUrl, options.caller ?? deviceCaller);
  const res = await api(routes.alerts.raise, {
    body: alert,
    headers: { 'idempotency-key': options.idempotencyKey },
  });
  // A first raise answers 201; a repeated Idempotency-Key may answer 200 with the first incident.
  return expectOk(res, options.idempotencyKey ? undefined : 201);
}
