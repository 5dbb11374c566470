/**
 * The cluster's front: HAProxy's configuration for the web and ingest processes. One function
 * writes it for both `npm run start:cluster` and docker-compose (deploy/haproxy.cfg), so the two
 * run the same balancer.
 *
 * HAProxy rather than a proxy of our own: the Node balancer this replaces cost the cluster more CPU
 * than either web process (it copied every console packet and every position report through
 * JavaScript), on the same two cores as everything else (docs/PERFORMANCE.md, "Fifth run").
 */
import { execFileSync } from 'node:child_process';

export interface Backend {
  host: string;
  port: number;
}

export interface FrontOptions {
  /** Where HAProxy listens, as host:port (`*:3000` for all addresses). */
  bind: string;
  /** Web processes: the API, the console and socket.io. */
  web: Backend[];
  /** Position-ingest processes; position reports go there, or to web when there are none. */
  ingest: Backend[];
}

/** Which web process a browser stays with (socket.io's HTTP long-polling needs it: its docs, "Using multiple nodes"). */
export const STICKY_COOKIE = 'sl_node';

// Checked every 5 s, down after three misses: a process busy with a burst is slow, not gone, and a
// web process marked down loses its consoles' sticky polling.
const server = (name: string, b: Backend, extra = '') =>
  `  server ${name} ${b.host}:${b.port} check inter 5s fall 3 rise 2${extra}`;

export function haproxyConfig(options: FrontOptions): string {
  if (options.web.length === 0) throw new Error('the front needs at least one web process');
  const lines = [
    '# Written by scripts/haproxyConfig.ts; edit that, not this.',
    // No maxconn: HAProxy derives it from the open-files limit it is given (ulimit -n), which is
    // what bounds it anyway; a fixed one above that limit stops it at start.
    'global',
    '  log stderr format short local0 notice',
    '',
    'defaults',
    '  mode http',
    // The processes trust X-Forwarded-For from the balancer (login throttling, audit addresses).
    '  option forwardfor',
    '  option httpchk GET /healthz',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    // An open WebSocket (a console on the wall) is a tunnel: it lives for the shift.
    '  timeout tunnel 12h',
    '  timeout client-fin 5s',
    '',
    'frontend shieldline',
    `  bind ${options.bind}`,
  ];
  if (options.ingest.length > 0) {
    // Gateways' position reports go to the ingest processes, so a flood of them is shed there and
    // never queues in front of an alert on a web process.
    lines.push(
      '  acl is_post method POST',
      '  acl position_path path_reg ^/api/v1/units/[^/]+/position$',
      '  use_backend ingest if is_post position_path',
    );
  }
  lines.push(
    '  default_backend web',
    '',
    'backend web',
    '  balance roundrobin',
    // Sticky by cookie: the value is the process's index, as the browser keeps it between polls.
    `  cookie ${STICKY_COOKIE} insert indirect nocache httponly attr "SameSite=Lax"`,
    ...options.web.map((b, i) => server(`web${i}`, b, ` cookie ${i}`)),
  );
  if (options.ingest.length > 0) {
    lines.push(
      '',
      'backend ingest',
      '  balance roundrobin',
      ...options.ingest.map((b, i) => server(`ingest${i}`, b)),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** docker-compose.yml's services: deploy/haproxy.cfg is this, written by scripts/writeHaproxyConfig.ts. */
export const COMPOSE_FRONT: FrontOptions = {
  bind: '*:3000',
  web: [
    { host: 'web1', port: 3000 },
    { host: 'web2', port: 3000 },
  ],
  ingest: [{ host: 'ingest', port: 3000 }],
};

/** HAProxy's binary: HAPROXY_BIN, else `haproxy` on the PATH or Debian's /usr/sbin/haproxy; null if none runs. */
export function findHaproxy(): string | null {
  const candidates = process.env.HAPROXY_BIN ? [process.env.HAPROXY_BIN] : ['haproxy', '/usr/sbin/haproxy'];
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}
