import { signWebhook, WEBHOOK_HEADERS } from './webhookSignature';

export interface WebhookResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One signed POST. Only a 2xx counts; anything else, a timeout or a refused connection is a failure to retry. */
export async function postWebhook(
  url: string,
  secret: string,
  message: { event: string; delivery: string; body: string },
  timeoutMs: number,
): Promise<WebhookResult> {
  const started = performance.now();
  const timestamp = Math.floor(Date.now() / 1000);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Shieldline-Webhook/1',
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, message.body),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.delivery]: message.delivery,
        [WEBHOOK_HEADERS.event]: message.event,
      },
      body: message.body,
    });
    // Drain the answer so the connection can be reused; its content does not matter.
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: elapsed() };
  } catch (err) {
    const error = err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : 'failed';
    return { ok: false, statusCode: null, error, durationMs: elapsed() };
  }
}
