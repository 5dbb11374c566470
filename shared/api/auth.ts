import { z } from 'zod';
import { User } from '../domain/user';

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const MeResponse = z.object({
  user: User,
  session: z.object({ expiresAt: z.iso.datetime({ offset: true }), idleTimeoutS: z.number().int() }),
});
export type MeResponse = z.infer<typeof MeResponse>;
