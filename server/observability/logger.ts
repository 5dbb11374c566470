import pino from 'pino';
import { logOutput } from './logFormat';

export const logger = pino({
  ...logOutput(),
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'shieldline' },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'password'],
});
export type Logger = typeof logger;
