import { z } from 'zod';
import type { ErrorBody } from '../api/error';

/**
 * Every state event carries the stream sequence the relay gave it. A console remembers the
 * last one it applied and asks to resume from there after a reconnect.
 */
export const Sequenced = <T extends z.ZodType>(payload: T) =>
  z.object({ seq: z.number().int().positive(), eventId: z.number().int().positive(), data: payload });

export type Ack<T> = { data: T } | ErrorBody;
export type AckCallback<T> = (response: Ack<T>) => void;
