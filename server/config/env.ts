import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting Shieldline reads from the environment; `.env.example` documents each. */
export const EnvSchema = z.object({
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
  /** Whether `npm start` may launch a private redis-server when none answers at REDIS_URL. */
  REDIS_AUTOSTART: flag.default(true),
  TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  PUBLIC_ORIGIN: z.string().optional(),
  SESSION_IDLE_TIMEOUT_S: seconds(4 * 3600),
  SESSION_MAX_AGE_S: seconds(14 * 3600),
  COOKIE_SECURE: flag,
  LOGIN_MAX_FAILURES: seconds(5),
  LOGIN_LOCKOUT_S: seconds(600),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'like 64kb or 1mb')
    .default('64kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: flag,
  DEMO_PASSWORD: z.string().min(8, 'at least 8 characters').default('shieldline-demo'),
  DEMO_DEVICE_KEY: z.string().min(16, 'at least 16 characters').default('demo-device-key-0000000000000000'),
  /** Seconds after an alert at which an unacknowledged one re-alarms, goes to the supervisor, pages the nearest units. */
  UNACKED_LADDER_S: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'three whole seconds like 15,30,60')
    .default('15,30,60')
    .transform((v) => v.split(',').map(Number) as [number, number, number]),
  /** While units are on scene at a distress incident, how often they must check in. */
  CHECKIN_INTERVAL_S: seconds(300),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
});
export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
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
  return { ...env, dataDir: path.resolve(env.DATA_DIR), embeddedDatabase: !env.DATABASE_URL };
}
