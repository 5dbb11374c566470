import webpush from 'web-push';
import type { VapidKeys } from './vapidKeys';

export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type PushOutcome = { ok: true } | { ok: false; gone: boolean; error: string };

export interface PushOptions {
  keys: VapidKeys;
  subject: string;
  timeoutMs: number;
  /** How long the push service may hold the message for an offline phone. */
  ttlS: number;
}

/**
 * Sends one encrypted Web Push message (RFC 8291, aes128gcm, VAPID). web-push encrypts and
 * signs; the request itself goes through fetch, so it has a time limit and works with any
 * endpoint URL. 404 and 410 mean the subscription is gone and should be forgotten.
 */
export async function sendWebPush(
  subscription: StoredSubscription,
  payload: string,
  options: PushOptions,
): Promise<PushOutcome> {
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      {
        vapidDetails: { subject: options.subject, ...options.keys },
        TTL: options.ttlS,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
      },
    );
  } catch (err) {
    return { ok: false, gone: true, error: `bad subscription: ${err instanceof Error ? err.message : err}` };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value);
  try {
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ? new Uint8Array(details.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await res.body?.cancel();
    if (res.ok) return { ok: true };
    return { ok: false, gone: res.status === 404 || res.status === 410, error: `HTTP ${res.status}` };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, gone: false, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}
