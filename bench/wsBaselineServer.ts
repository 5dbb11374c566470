/**
 * The baseline: a bare `ws` server that sends whatever is POSTed to /broadcast to every
 * connected client, and nothing else (no auth, no database, no Redis, no socket.io framing).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { onParentMessage, toParent } from './ipc';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const data = Buffer.concat(chunks).toString('utf8');
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(data);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
const wss = new WebSocketServer({ server });

server.listen(0, '127.0.0.1', () => {
  toParent({ type: 'listening', port: (server.address() as AddressInfo).port });
});
onParentMessage((message) => {
  if (message.type === 'stop') process.exit(0);
});
process.on('SIGTERM', () => process.exit(0));
