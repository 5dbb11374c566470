import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per process; tests build apps repeatedly, so metrics are created once here. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'shieldline_' });

export const httpRequestDuration = new Histogram({
  name: 'shieldline_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const alertsAccepted = new Counter({
  name: 'shieldline_alerts_accepted_total',
  help: 'Alerts accepted by the API (new incidents)',
  labelNames: ['source', 'priority'] as const,
  registers: [metricsRegistry],
});

export const relayFailures = new Counter({
  name: 'shieldline_relay_failures_total',
  help: 'Outbox rows that failed to publish, by phase (event, jobs); final="true" when dead-lettered',
  labelNames: ['phase', 'final'] as const,
  registers: [metricsRegistry],
});

export const deliveryFailures = new Counter({
  name: 'shieldline_delivery_failures_total',
  help: 'Department deliveries (webhook, SMS/IM) whose last attempt failed: nobody was reached',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

export const relayPublished = new Counter({
  name: 'shieldline_relay_published_total',
  help: 'Outbox rows published to consoles and queues',
  registers: [metricsRegistry],
});

export const socketsConnected = new Gauge({
  name: 'shieldline_sockets_connected',
  help: 'socket.io clients connected to this process',
  registers: [metricsRegistry],
});

export const loginsThrottled = new Counter({
  name: 'shieldline_logins_throttled_total',
  help: 'Login attempts refused before the password was checked (throttled or locked)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const socketEventsRefused = new Counter({
  name: 'shieldline_socket_events_refused_total',
  help: 'Socket events refused because their socket sent too many',
  registers: [metricsRegistry],
});
