import { defineContract } from '../contract';
import { ClientConfig, Snapshot } from '../snapshot';

export const consoleRoutes = {
  snapshot: defineContract({
    method: 'get',
    path: '/api/v1/snapshot',
    summary:
      'Every open incident, unit, assignment and task the caller may see, with the stream sequence it is consistent with',
    tags: ['console'],
    permission: 'stream:read',
    response: Snapshot,
  }),
  clientConfig: defineContract({
    method: 'get',
    path: '/api/v1/config/client',
    summary: "What the console needs before it draws: the tile server and the map's starting view",
    tags: ['console'],
    permission: 'stream:read',
    response: ClientConfig,
  }),
};
