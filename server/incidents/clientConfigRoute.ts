import { routes } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';
import { GANXIAN_CENTRE } from '../demo/ganxianOutline';
import { defineRoute } from '../http/route';

export function registerClientConfigRoute(router: Router, ctx: AppContext): void {
  defineRoute(router, ctx.registry, routes.console.clientConfig, async () => ({
    tileUrl: ctx.config.TILE_URL,
    demo: ctx.config.DEMO,
    mapCentre: { lat: GANXIAN_CENTRE.lat, lng: GANXIAN_CENTRE.lng, zoom: 11 },
  }));
}
