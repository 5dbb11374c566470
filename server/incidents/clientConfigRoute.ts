import { ClientConfig } from '@shared/api/snapshot';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';

export function registerClientConfigRoute(router: Router, ctx: AppContext): void {
  defineRoute(
    router,
    ctx.registry,
    {
      method: 'get',
      path: '/api/v1/config/client',
      summary: "What the console needs before it draws: the tile server and the map's starting view",
      tags: ['console'],
      permission: 'stream:read',
      response: ClientConfig,
    },
    async () => ({
      tileUrl: ctx.config.TILE_URL,
      demo: ctx.config.DEMO,
      mapCentre: {
        lat: ctx.config.MAP_CENTRE_LAT,
        lng: ctx.config.MAP_CENTRE_LNG,
        zoom: ctx.config.MAP_ZOOM,
      },
    }),
  );
}
