import type { NextFunction, Request, Response } from 'express';
import { logger } from '../observability/logger';
import { AppError, errors, toErrorBody } from './errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { type } = err as BodyParserError;
  if (type === 'entity.too.large') return new AppError('payload_too_large', 'request body is too large');
  if (type === 'entity.parse.failed') return errors.badRequest('request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return errors.badRequest('unsupported body encoding');
  }
  // The router cannot decode a path parameter that is not valid UTF-8 (%ED%A0%80, a lone
  // surrogate): a client's fault, not a 500 (found by the hostile-input suite).
  if (err instanceof URIError) return errors.badRequest('the URL is not valid percent-encoded UTF-8');
  return null;
}

/** Last in the chain: every failure leaves as the uniform error body. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = fromBodyParser(err) ?? err;
  const { status, body, reportable } = toErrorBody(known);
  if (reportable) logger.error({ err, requestId: req.id, path: req.path }, 'request failed');
  if (res.headersSent) return;
  res.status(status).json(body);
}

export function notFound(req: Request, res: Response): void {
  res.status(404).json(errors.notFound(`route ${req.method} ${req.path}`).toBody());
}
