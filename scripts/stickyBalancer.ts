import http from 'node:http';
import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface BalancerOptions {
  /** Web processes: the API, the console and socket.io. */
  web: Backend[];
  /** Position-ingest processes; position reports go there, or to web when there are none. */
  ingest: Backend[];
}

/** Which web process a browser stays with (socket.io's HTTP long-polling needs it: its docs, "Using multiple nodes"). */
export const STICKY_COOKIE = 'sl_node';
const POSITION_ROUTE = /^\/api\/v1\/units\/[^/?]+\/position(?:\?|$)/;

function stickyIndex(cookieHeader: string | undefined, count: number): number | null {
  const match = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${STICKY_COOKIE}=(\\d+)`));
  if (!match) return null;
  const index = Number(match[1]);
  return index < count ? index : null;
}

/**
 * A small load balancer for one machine (`npm run start:cluster`), doing what nginx or HAProxy
 * does in production: cookie-sticky web processes, so a socket.io client on long-polling keeps
 * reaching the process holding its session, WebSocket upgrades passed through, and position
 * reports sent round-robin to the ingest processes so they never queue in front of alerts.
 */
export function createStickyBalancer(options: BalancerOptions): http.Server {
  let nextWeb = 0;
  let nextIngest = 0;
  const pickWeb = (cookie: string | undefined): { index: number; fresh: boolean } => {
    const sticky = stickyIndex(cookie, options.web.length);
    if (sticky !== null) return { index: sticky, fresh: false };
    nextWeb = (nextWeb + 1) % options.web.length;
    return { index: nextWeb, fresh: true };
  };

  const server = http.createServer((req, res) => {
    const positions =
      req.method === 'POST' && POSITION_ROUTE.test(req.url ?? '') && options.ingest.length > 0;
    let target: Backend;
    let setCookie: string | null = null;
    if (positions) {
      nextIngest = (nextIngest + 1) % options.ingest.length;
      target = options.ingest[nextIngest] as Backend;
    } else {
      const { index, fresh } = pickWeb(req.headers.cookie);
      target = options.web[index] as Backend;
      if (fresh) setCookie = `${STICKY_COOKIE}=${index}; Path=/; HttpOnly; SameSite=Lax`;
    }
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
      },
      (answer) => {
        const headers = { ...answer.headers };
        if (setCookie) {
          const existing = headers['set-cookie'] ?? [];
          headers['set-cookie'] = [...existing, setCookie];
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'unavailable', message: 'upstream process unavailable', details: [] },
        }),
      );
    });
    req.pipe(upstream);
  });

  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const { index } = pickWeb(req.headers.cookie);
    const target = options.web[index] as Backend;
    const upstream = net.connect(target.port, target.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      lines.push(`X-Forwarded-For: ${req.socket.remoteAddress ?? ''}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', close);
    client.on('error', close);
    upstream.on('close', close);
    client.on('close', close);
  });
  return server;
}
