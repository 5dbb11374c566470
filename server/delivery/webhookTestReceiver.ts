import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WEBHOOK_HEADERS } from './webhookSignature';

export interface ReceivedWebhook {
  delivery: string;
  event: string;
  verified: boolean;
  answered: number | 'held';
  body: { task: { id: string; departmentId: string; kind: string } };
}

/**
 * A department's system as the tests play it: checks every signature like a real receiver
 * would, and answers what the test says (500s first, or hold the request open).
 */
export async function startWebhookReceiver(
  secret: string,
  answer: (nth: number, delivery: string) => number | 'hold',
): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const verified = verifyWebhook(
        secret,
        { signature: header(WEBHOOK_HEADERS.signature), timestamp: header(WEBHOOK_HEADERS.timestamp) },
        raw,
      );
      const delivery = header(WEBHOOK_HEADERS.delivery) ?? '';
      const decision = verified ? answer(received.length + 1, delivery) : 401;
      received.push({
        delivery,
        event: header(WEBHOOK_HEADERS.event) ?? '',
        verified,
        answered: decision === 'hold' ? 'held' : decision,
        body: JSON.parse(raw),
      });
      if (decision === 'hold') {
        held.push(res);
        return;
      }
      res.writeHead(decision).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/shieldline`,
    received,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
