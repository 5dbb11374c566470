import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';

export function registerClientConfigRoute(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.console.clientConfig, async () => ({
    tileUrl: ctx.config.TILE_URL,
    demo: ctx.config.DEMO,
    mapCentre: { lat: ctx.config.MAP_CENTRE_LAT, lng: ctx.config.MAP_CENTRE_LNG, zoom: ctx.config.MAP_ZOOM },
  }));
}
