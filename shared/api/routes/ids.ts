import { z } from 'zod';

/** The `:id` of most routes. */
export const IdParams = z.object({ id: z.uuid() });
