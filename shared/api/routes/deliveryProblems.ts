import { defineContract } from '../contract';
import { DeliveryProblems } from '../deliveryHealth';

export const deliveryProblemRoutes = {
  list: defineContract({
    method: 'get',
    path: '/api/v1/supervisor/delivery-problems',
    summary:
      'What did not reach its audience: outbox backlog and its age, outbox rows dead-lettered by the relay, and department deliveries (webhook, SMS/IM) whose last attempt failed (most recent first)',
    tags: ['supervisor'],
    permission: 'consoles:monitor',
    response: DeliveryProblems,
  }),
};
