import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Headers of a department webhook. A receiver recomputes HMAC-SHA256(secret, `${timestamp}.${body}`)
 * over the raw body, compares it in constant time, rejects a timestamp older than a few minutes
 * (replays), and de-duplicates on the delivery id (a retry after a lost answer resends it).
 */
export const WEBHOOK_HEADERS = {
  signature: 'x-shieldline-signature',
  timestamp: 'x-shieldline-timestamp',
  delivery: 'x-shieldline-delivery',
  event: 'x-shieldline-event',
} as const;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  options: { toleranceS?: number; now?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  const nowS = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowS - timestamp) > (options.toleranceS ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
