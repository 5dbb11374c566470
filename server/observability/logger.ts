import pino from 'pino';
import { logOutput } from './logFormat';

/**
 * Fields that carry credentials wherever they appear in a log object: request and response
 * headers (pino-http logs both, so every login would log its `set-cookie`), and the names our
 * own code uses for passwords and device keys, one and two levels deep.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["upload-metadata"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...[
    'password',
    'deviceKey',
    'token',
    'sessionToken',
    'DEMO_PASSWORD',
    'DEMO_DEVICE_KEY',
    'METRICS_TOKEN',
  ].flatMap((key) => [key, `*.${key}`]),
];

/**
 * The last line of defence for credentials that reach a log line by a path the redaction list
 * does not name (an error message quoting a header, a library logging a handshake): the session
 * cookie and bearer tokens are masked in the written text itself.
 */
export function scrubCredentials(line: string): string {
  return line
    .replace(/(sl_session=)[^;,"\s\\]+/g, '$1[Redacted]')
    .replace(/(Bearer\s+)[^\s",\\]+/gi, '$1[Redacted]');
}

/**
 * Where log lines go: stdout, unless a test swaps in a stream to read what was written. Every
 * child logger (pino-http's per request) writes through this one sink.
 */
const sink = {
  target: pino.destination({ dest: 1, sync: false }) as { write(line: string): unknown },
  write(line: string) {
    sink.target.write(line);
  },
};

const options: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'shieldline' },
  redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
  hooks: { streamWrite: scrubCredentials },
};
const output = logOutput();
// Pretty output (a terminal) goes through pino-pretty's worker; JSON through the swappable sink.
export const logger = output.transport ? pino({ ...options, ...output }) : pino(options, sink);
export type Logger = typeof logger;

/** Tests: send every log line to `write` at `level`; the returned function restores stdout and the old level. */
export function captureLogs(write: (line: string) => void, level: pino.Level = 'debug'): () => void {
  const previous = { target: sink.target, level: logger.level };
  sink.target = { write };
  logger.level = level;
  return () => {
    sink.target = previous.target;
    logger.level = previous.level;
  };
}
