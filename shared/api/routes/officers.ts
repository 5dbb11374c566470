import { z } from 'zod';
import { defineContract } from '../contract';
import { OfficerProfile } from '../officerProfile';

export const officerRoutes = {
  profile: defineContract({
    method: 'get',
    path: '/api/v1/officers/:userId/profile',
    summary: "An officer's home address and close relatives (audited read)",
    tags: ['officers'],
    permission: 'stream:read',
    params: z.object({ userId: z.uuid() }),
    response: OfficerProfile,
  }),
};
