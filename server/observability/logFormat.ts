import type { LoggerOptions } from 'pino';
import { EnvSchema } from '../config/env';

export type LogFormat = 'json' | 'pretty';

/**
 * People read the log in a terminal; machines (log shippers, `docker logs`, pipes) want one JSON
 * object a line. `auto` picks by whether stdout is a terminal; LOG_FORMAT=json or pretty forces.
 */
export function chooseLogFormat(setting: string | undefined, stdoutIsTty: boolean): LogFormat {
  // A bad value falls back to auto here; loadConfig() stops start-up naming it.
  const parsed = EnvSchema.shape.LOG_FORMAT.safeParse(setting);
  const format = parsed.success ? parsed.data : 'auto';
  if (format === 'auto') return stdoutIsTty ? 'pretty' : 'json';
  return format;
}

/** pino options for the chosen format: pretty goes through pino-pretty in pino's worker thread. */
export function logOutput(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty: boolean = process.stdout.isTTY === true,
): Pick<LoggerOptions, 'transport'> {
  if (chooseLogFormat(env.LOG_FORMAT, stdoutIsTty) === 'json') return {};
  return {
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
    },
  };
}
