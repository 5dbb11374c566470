import type { ErrorBody, ErrorCode, FieldIssue } from '@shared/api/error';
import type { ZodError } from 'zod';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * An error whose message may be shown to the client. Anything else that is thrown is
 * reported as `internal` with a generic message, so no stack or SQL leaks out.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export const errors = {
  unauthenticated: (message = 'log in first') => new AppError('unauthenticated', message),
  forbidden: (message = 'your role may not do this') => new AppError('forbidden', message),
  notFound: (what: string) => new AppError('not_found', `${what} not found`),
  conflict: (message: string) => new AppError('conflict', message),
  badRequest: (message: string) => new AppError('bad_request', message),
  rateLimited: (message: string) => new AppError('rate_limited', message),
  unavailable: (message: string) => new AppError('unavailable', message),
  validation: (error: ZodError, where?: string) => {
    const details = error.issues.map((i) => ({
      path: [where, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    }));
    const first = details[0];
    return new AppError(
      'validation_failed',
      first ? `${first.path || 'body'}: ${first.message}` : 'invalid input',
      details,
    );
  },
};

export function toErrorBody(err: unknown): { status: number; body: ErrorBody; reportable: boolean } {
  if (err instanceof AppError)
    return { status: err.status, body: err.toBody(), reportable: err.status >= 500 };
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } }, reportable: true };
}
