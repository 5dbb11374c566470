import { z } from 'zod';
import { defineContract } from '../contract';

export const ComponentState = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  components: z.object({ database: ComponentState, redis: ComponentState }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const operationsRoutes = {
  health: defineContract({
    method: 'get',
    path: '/healthz',
    summary: '200 when the database and Redis answer, 503 naming the one that does not',
    tags: ['operations'],
    permission: null,
    response: HealthResponse,
    alsoStatus: [503],
  }),
};
