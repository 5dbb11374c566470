import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import webpush from 'web-push';
import { refusalReason } from '../evidence/addressGuard';
import { FetchRefused, guardedLookup } from '../evidence/safeFetch';
import { pushAddressPolicy } from './pushEndpoint';
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
  /** PUSH_ALLOW_LOCAL: http and loopback/private endpoints allowed (an intranet gateway, tests). */
  allowLocal: boolean;
}

/**
 * Sends one encrypted Web Push message (RFC 8291, aes128gcm, VAPID). web-push encrypts and
 * signs; the request goes out here, with a time limit, to a vetted address and without following
 * redirects. 404 and 410 mean the subscription is gone and should be forgotten.
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
    const status = await post(details.endpoint, headers, details.body, options);
    if (status >= 200 && status < 300) return { ok: true };
    // A redirect is not followed: a push service does not send one, an attacker's endpoint might.
    return { ok: false, gone: status === 404 || status === 410, error: `HTTP ${status}` };
  } catch (err) {
    // Only the kind of failure is kept: the message (addresses, resolver answers) would be an oracle.
    const kind =
      err instanceof FetchRefused
        ? 'refused'
        : err instanceof Error && err.name === 'AbortError'
          ? 'timeout'
          : 'unreachable';
    return { ok: false, gone: false, error: kind };
  }
}

/** One POST through the vetted lookup (no DNS rebinding), literal addresses checked before connecting. */
function post(
  endpoint: string,
  headers: Record<string, string>,
  body: Buffer | null | undefined,
  options: PushOptions,
): Promise<number> {
  const url = new URL(endpoint);
  const policy = pushAddressPolicy(options.allowLocal);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const refused = refusalReason(host, policy);
    if (refused) return Promise.reject(new FetchRefused(refused));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers,
        lookup: guardedLookup(policy),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
