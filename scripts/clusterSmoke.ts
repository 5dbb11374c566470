/**
 * npx tsx scripts/clusterSmoke.ts URL — checks a running `npm run start:cluster` (DEMO=1)
 * through its balancer: a console connects with long-polling first (stickiness), an alert
 * reaches it, and a gateway's position report, taken by an ingest process, reaches it as a
 * batch over Redis pub/sub. Exits non-zero on the first failure.
 */
import { io } from 'socket.io-client';

const url = process.argv[2] ?? 'http://127.0.0.1:8080';
const password = process.env.DEMO_PASSWORD ?? 'shieldline-demo';
const deviceKey = process.env.DEMO_DEVICE_KEY ?? 'demo-device-key-0000000000000000';

async function main(): Promise<void> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'dispatcher1', password }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const socket = io(url, {
    transports: ['polling', 'websocket'],
    extraHeaders: { cookie: cookies.join('; ') },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const incidents = new Set<string>();
  const units = new Set<string>();
  socket.on('stream:v1:event', (e: { topic: string; data: { id: string } }) => {
    if (e.topic === 'incident') incidents.add(e.data.id);
  });
  socket.on('units:v1:positions', (b: { positions: Array<{ unitId: string }> }) => {
    for (const p of b.positions) units.add(p.unitId);
  });
  await new Promise((r) => setTimeout(r, 1500));
  console.log(`console connected (transport ${socket.io.engine.transport.name})`);

  const alert = await fetch(`${url}/api/v1/alerts`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${deviceKey}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.86, lng: 115.01 },
    }),
  });
  if (alert.status !== 201) throw new Error(`alert: ${alert.status} ${await alert.text()}`);
  const { id } = (await alert.json()) as { id: string };
  const unitList = (await (
    await fetch(`${url}/api/v1/units`, { headers: { cookie: cookies.join('; ') } })
  ).json()) as {
    units: Array<{ id: string }>;
  };
  const unitId = unitList.units[0]?.id;
  if (!unitId) throw new Error('no units');
  // A shed report (429) is followed by the next one a second later, as a device would.
  let position: Response | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    position = await fetch(`${url}/api/v1/units/${unitId}/position`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceKey}` },
      body: JSON.stringify({ lat: 25.8601 + attempt / 1e4, lng: 115.0101 }),
    });
    if (position.status !== 429) break;
    await position.body?.cancel();
    console.log('position shed (429), sending the next one in a second');
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!position) throw new Error('no position sent');
  console.log(`alert 201 (${id}); position ${position.status} ${await position.text()}`);
  const deadline = Date.now() + 20_000;
  while ((!incidents.has(id) || !units.has(unitId)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  console.log(`alert on console: ${incidents.has(id)}; position batch on console: ${units.has(unitId)}`);
  socket.close();
  if (!incidents.has(id) || !units.has(unitId)) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
