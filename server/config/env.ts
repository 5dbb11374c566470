import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

/** Published in the README, so only ever good for a demo. */
export const DEFAULT_DEMO_PASSWORD = 'shieldline-demo';
export const DEFAULT_DEMO_DEVICE_KEY = 'demo-device-key-0000000000000000';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key (queues, socket stream, positions), so deployments and tests can share a Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]{1,40}$/, 'letters, digits, _ : - only')
    .default('shieldline'),
  /** Every Redis command made while answering a request (and the relay's enqueues) gives up after this. */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** Attempts at publishing one outbox row before it is dead-lettered, and the first retry delay (doubling). */
  RELAY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  RELAY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1000),
  /** How often the relay looks for outbox rows when no commit notice woke it (a notice missed, a retry due). */
  RELAY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  /** How long a linkage task change may wait to share a packet with others (local policy); 0 sends each alone. */
  STREAM_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(100),
  /** Consoles get system:v1:status at least this often (and at once on a change); silence for 3× this turns them red. */
  SYSTEM_STATUS_HEARTBEAT_MS: z.coerce.number().int().min(200).max(60_000).default(5000),
  /** Whether `npm start` may launch a private redis-server when none answers at REDIS_URL. */
  REDIS_AUTOSTART: flag.default(true),
  TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** Where the console's map opens: the district's centre (default the 赣县区 seat) and zoom. */
  MAP_CENTRE_LAT: z.coerce.number().min(-90).max(90).default(25.8607),
  MAP_CENTRE_LNG: z.coerce.number().min(-180).max(180).default(115.0116),
  MAP_ZOOM: z.coerce.number().int().min(1).max(19).default(11),
  PUBLIC_ORIGIN: z.string().optional(),
  SESSION_IDLE_TIMEOUT_S: seconds(4 * 3600),
  SESSION_MAX_AGE_S: seconds(14 * 3600),
  COOKIE_SECURE: flag,
  /** Failed logins (per account and source address) before each further try is slowed down; field and department accounts lock after as many in all. */
  LOGIN_MAX_FAILURES: seconds(5),
  /** The longest wait between tries after repeated failures, and how long a non-console account stays locked. */
  LOGIN_LOCKOUT_S: seconds(600),
  /** Failed logins one source address may make per minute across all accounts. */
  LOGIN_SOURCE_LIMIT_PER_MIN: seconds(20),
  /** Seconds between re-checks of every open socket's session (logout and disabling also disconnect at once). */
  SOCKET_RECHECK_S: seconds(30),
  /** Events one socket may send per second on average, and in a burst; a resync counts as ten. */
  SOCKET_EVENTS_PER_S: seconds(10),
  SOCKET_EVENT_BURST: seconds(40),
  /** Bearer token Prometheus sends to read /metrics; unset, only an administrator's session may. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Where the audit chain's head hash is anchored outside the database; default DATA_DIR/audit-anchors.jsonl. */
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  /** Seconds between anchors of the audit chain's head (0: never). */
  AUDIT_ANCHOR_INTERVAL_S: z.coerce.number().int().min(0).default(300),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'like 64kb or 1mb')
    .default('64kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines in a terminal, JSON lines otherwise; json or pretty force one. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DEMO: flag,
  DEMO_PASSWORD: z.string().min(8, 'at least 8 characters').default(DEFAULT_DEMO_PASSWORD),
  DEMO_DEVICE_KEY: z.string().min(16, 'at least 16 characters').default(DEFAULT_DEMO_DEVICE_KEY),
  /** With DEMO: run the simulator in the server process (units move, alerts arrive, crews answer). */
  SIMULATE: flag.default(true),
  /**
   * Seconds after an alert at which an unacknowledged one re-alarms, goes to the supervisor, pages
   * the nearest units. Bureau policy, not the measures: no article sets these times.
   */
  UNACKED_LADDER_S: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'three whole seconds like 15,30,60')
    .default('15,30,60')
    .transform((v) => v.split(',').map(Number) as [number, number, number]),
  /** While units are on scene at a distress incident, how often they must check in. */
  CHECKIN_INTERVAL_S: seconds(300),
  /** The centre's targets, in seconds from the alert, shown against actual intervals on the supervisor view. */
  TARGET_ACK_S: seconds(30),
  TARGET_EN_ROUTE_S: seconds(120),
  TARGET_ON_SCENE_S: seconds(600),
  TARGET_CONTROLLED_S: seconds(1800),
  /** A dispatched unit this close to the scene is offered as arrived (offer) or marked on scene (auto). */
  ARRIVAL_RADIUS_M: z.coerce.number().int().min(10).max(5000).default(100),
  ARRIVAL_MODE: z.enum(['offer', 'auto']).default('offer'),
  /** A position report dated further ahead of the server clock than this is refused (device clocks drift). */
  POSITION_MAX_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(30).default(5),
  /** Position admission control per process (local policy): reports admitted per second over HTTP and sockets. */
  POSITION_ADMIT_PER_S: z.coerce.number().int().positive().default(1500),
  /** HTTP position reports worked on at once before more are answered 429. */
  POSITION_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(64),
  /**
   * Event-loop lag (ms) above which every position report is shed until it recovers (local policy).
   * 20, not 50: with 2,000 officers reporting over sockets, alerts reached 1,000 consoles at p99
   * 2.1 s with 50 and 0.6 s with 20 (docs/PERFORMANCE.md, "Fifth run").
   */
  POSITION_SHED_LAG_MS: z.coerce.number().int().positive().default(20),
  /** `ingest`: position reports only (HTTP gateways), published to the web processes over Redis pub/sub. */
  ROLE: z.enum(['all', 'web', 'worker', 'ingest']).default('all'),
  /** How long a worker holds a job before another may take it over (a SIGKILLed worker's jobs wait this long). */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Caps every linkage rule's acknowledgement deadline; unset in production, short in tests and drills. */
  TASK_ACK_DEADLINE_CAP_S: z.coerce.number().int().positive().optional(),
  /** Seconds between escalation steps once a task's deadline passed: notify again, department head, supervisor. */
  TASK_ESCALATION_STEP_S: seconds(300),
  /** A department webhook that does not answer within this is a failed attempt. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Attempts per webhook delivery, and the first retry delay (doubling each time). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().positive().default(2000),
  /** SMS/IM gateway driver; 'log' writes each message to the log (no provider is wired yet). */
  MESSAGE_GATEWAY: z.enum(['log']).default('log'),
  /** Where 网安 evidence captures are stored; default DATA_DIR/evidence. */
  EVIDENCE_DIR: z.string().min(1).optional(),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  EVIDENCE_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  EVIDENCE_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** Attempts before a capture is flagged for manual capture. */
  EVIDENCE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Let evidence capture reach loopback (tests) or private-network addresses; both refused by default (SSRF). */
  EVIDENCE_ALLOW_LOOPBACK: flag,
  EVIDENCE_ALLOW_PRIVATE: flag,
  /** Where evidence uploaded from field phones (tus) is stored; default DATA_DIR/evidence-uploads. */
  UPLOADS_DIR: z.string().min(1).optional(),
  /** Largest evidence file a phone may upload, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** Uploads one officer may have unfinished at once. */
  UPLOAD_MAX_CONCURRENT_PER_USER: z.coerce.number().int().min(1).default(4),
  /** An unfinished upload untouched this long is abandoned: its bytes are removed and its custody records it. */
  UPLOAD_ABANDON_AFTER_S: seconds(24 * 3600),
  /** Seconds after an SOS fires during which its officer may cancel it as a false activation (the phone counts 5). */
  SOS_CANCEL_WINDOW_S: seconds(30),
  /** How often the warning models are evaluated on the clock (deadlines, unfiled incidents), besides after each change; 0: never on the clock. */
  WARNINGS_SWEEP_S: z.coerce.number().int().min(0).default(300),
  /** Web Push to field phones: 1 sends (VAPID keys are made on first start under DATA_DIR/push), 0 never tries. */
  PUSH_ENABLED: flag.default(true),
  /** The VAPID contact a push service may write to about this server (mailto: or https:). */
  PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'a mailto: or https:// URL')
    .default('mailto:shieldline@localhost'),
  /** A push service that does not answer within this is a failed attempt. */
  PUSH_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Allow http and loopback or private push endpoints (an intranet push gateway; tests). Off: https to public addresses only. */
  PUSH_ALLOW_LOCAL: flag.default(false),
  /** Phones one person may register for push; a further one replaces the oldest. */
  PUSH_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(50).default(5),
  /** Seconds after which an assignment still not accepted also goes to the unit by SMS/IM (MESSAGE_GATEWAY). */
  ASSIGNMENT_FALLBACK_S: seconds(60),
  /**
   * 日清零 (seed 001): when, in the bureau's time (Asia/Shanghai), the day is cut and its clearing list built
   * (HH:MM). Local policy; the list is built for the day that is ending.
   */
  CLEARING_DAILY_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .default('23:30'),
  /** An incident or task untouched this long in a working state is listed as hanging (local policy). */
  CLEARING_HANGING_AFTER_S: seconds(24 * 3600),
  /**
   * Days a published outbox row is kept for consoles resuming after a disconnect (local policy).
   * Older rows are removed each night; a console further behind than that loads a fresh snapshot.
   */
  OUTBOX_RETAIN_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
});

/** Every setting Shieldline reads from the environment; `.env.example` documents each. */
export const EnvSchema = Settings.superRefine((env, ctx) => {
  // The demo's users and device key have published credentials: never in production.
  if (env.DEMO && env.NODE_ENV === 'production')
    ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'DEMO=1 is refused with NODE_ENV=production' });
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  evidenceDir: string;
  uploadsDir: string;
  pushDir: string;
  auditAnchorFile: string;
  embeddedDatabase: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the whole environment at once, so one start-up names every bad setting. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) => `${i.path.join('.')}=${JSON.stringify(source[String(i.path[0])] ?? '')}: ${i.message}`,
      ),
    );
  }
  const env = result.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    dataDir,
    evidenceDir: path.resolve(env.EVIDENCE_DIR ?? path.join(dataDir, 'evidence')),
    uploadsDir: path.resolve(env.UPLOADS_DIR ?? path.join(dataDir, 'evidence-uploads')),
    pushDir: path.join(dataDir, 'push'),
    auditAnchorFile: path.resolve(env.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.jsonl')),
    embeddedDatabase: !env.DATABASE_URL,
  };
}
