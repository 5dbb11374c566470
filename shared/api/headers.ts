import { z } from 'zod';

/** A client's own key for a request it may send again (an SOS whose answer was lost). */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8–128 letters, digits or _ . : -');

/** Routes that a retrying client may repeat without a second effect. */
export const IdempotentHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });
