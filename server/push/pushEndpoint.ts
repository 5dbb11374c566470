import net from 'node:net';
import { type AddressPolicy, refusalReason } from '../evidence/addressGuard';
import { AppError } from '../http/errors';

export function pushAddressPolicy(allowLocal: boolean): AddressPolicy {
  return { allowLoopback: allowLocal, allowPrivate: allowLocal };
}

/**
 * A push endpoint is a URL a browser hands us and the workers then POST to: without a check it
 * aims the server at loopback, the intranet or a cloud metadata address. Only https to a public
 * host is accepted unless PUSH_ALLOW_LOCAL; names are checked again when connecting
 * (webPush.ts), since a name may resolve differently later.
 */
export function assertPushEndpoint(endpoint: string, allowLocal: boolean): void {
  const url = new URL(endpoint);
  const refuse = (message: string) =>
    new AppError('validation_failed', `body.endpoint: ${message}`, [{ path: 'body.endpoint', message }]);
  if (url.protocol !== 'https:' && !allowLocal) throw refuse('a push endpoint must use https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const refused = refusalReason(host, pushAddressPolicy(allowLocal));
    if (refused) throw refuse(`not a public push service (${refused})`);
  } else if (!allowLocal && /(^|\.)localhost$/i.test(host)) {
    throw refuse('not a public push service (localhost)');
  }
}
