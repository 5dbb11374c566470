import { z } from 'zod';

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling'] as const;

/** 近亲属 (第三十九条): spouse, parents, children, siblings. */
export const Relative = z.object({
  relation: z.enum(RELATIONS),
  name: z.string().min(1).max(100),
  address: z.string().max(300).optional(),
});
export type Relative = z.infer<typeof Relative>;

/** Personal data that doxxing and threats target (第十一条(五)(八)); every read is audited. */
export const OfficerProfile = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  homeAddress: z.string().nullable(),
  relatives: z.array(Relative),
});
export type OfficerProfile = z.infer<typeof OfficerProfile>;
