import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { type AddressPolicy, refusalReason } from './addressGuard';

export interface FetchLimits extends AddressPolicy {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export interface FetchedPage {
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A URL that will never be fetchable (refused address, bad scheme, too many redirects): no retry helps. */
export class FetchRefused extends Error {
  override readonly name = 'FetchRefused';
}

/**
 * Resolves the name and refuses it when any address it resolves to is refused, then connects to
 * the address it vetted, so a name cannot resolve to a public address for the check and a
 * private one for the connection (DNS rebinding).
 */
export function guardedLookup(policy: AddressPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = addresses.map((a) => refusalReason(a.address, policy)).find((r) => r !== null);
      if (refused || !addresses.length) {
        return callback(new FetchRefused(`refused ${hostname}: ${refused ?? 'no address'}`), '');
      }
      // Node 20 connects with autoSelectFamily, which asks for every address at once.
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function requestOnce(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<FetchedPage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal IP is connected to without any lookup, so it is checked here, before connecting.
  if (net.isIP(host)) {
    const refused = refusalReason(host, limits);
    if (refused) return Promise.reject(new FetchRefused(`refused ${url.host}: ${refused}`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        signal,
        lookup: guardedLookup(limits),
        headers: { 'user-agent': 'Shieldline-Evidence/1', accept: '*/*', 'accept-encoding': 'identity' },
      },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > limits.maxBytes) {
          res.destroy();
          return reject(
            new FetchRefused(`body of ${declared} bytes is over the ${limits.maxBytes}-byte limit`),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            res.destroy();
            reject(new FetchRefused(`body is over the ${limits.maxBytes}-byte limit`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            finalUrl: url.toString(),
            status: res.statusCode ?? 0,
            headers: flatten(res.headers),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * GETs a reported page for evidence: http(s) only, redirects followed by hand so every hop is
 * checked again, the whole exchange bounded in time and size.
 */
export async function fetchForEvidence(rawUrl: string, limits: FetchLimits): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = new URL(rawUrl);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchRefused(`only http and https can be captured, not ${url.protocol}`);
    if (url.username || url.password) throw new FetchRefused('URLs with credentials are not fetched');
    const page = await requestOnce(url, limits, signal);
    const location = page.headers.location;
    if (page.status < 300 || page.status >= 400 || !location) return page;
    if (hop >= limits.maxRedirects) throw new FetchRefused(`more than ${limits.maxRedirects} redirects`);
    url = new URL(location, url);
  }
}
