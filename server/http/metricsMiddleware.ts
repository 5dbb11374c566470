import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '../observability/metrics';

/** Labels by the matched route pattern, not the raw path, so ids do not explode the series. */
export function measureRequests(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer({ method: req.method });
  res.on('finish', () => {
    const route = req.route?.path
      ? String(req.route.path)
      : req.path.startsWith('/api')
        ? 'unmatched'
        : 'static';
    end({ route, status: String(res.statusCode) });
  });
  next();
}
