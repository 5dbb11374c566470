import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RouteModule } from '../app';
import { assertCan } from '../auth/permissions';
import type { Queues } from './queueRegistry';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board: see, retry and clean jobs. Admins only (queues:admin); everyone else gets the uniform 401/403. */
export function queueBoardModule(queues: Queues): RouteModule {
  return (router) => {
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: Object.values(queues).map((q) => new BullMQAdapter(q)),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'Shieldline queues' } },
    });
    router.use(
      QUEUE_BOARD_PATH,
      (req, _res, next) => {
        assertCan(req.principal, 'queues:admin');
        next();
      },
      adapter.getRouter(),
    );
  };
}
