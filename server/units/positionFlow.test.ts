import { onStreamEvent } from '@shared/events/onStreamEvent';
import { createPositionsReporter } from '@shared/events/positionsReporter';
import type { PositionBatch } from '@shared/events/socketEvents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRESS_ALERT, raiseAlert } from '../testing/alerts';
import { connectConsole, DEMO_DEVICE_KEY, loginAs, type TestSocket, waitFor } from '../testing/testRuntime';
import { POSITION_MAX_LAG_MS } from './positionFlow';
import { startUnitTestRuntime, type UnitTestRuntime } from './unitTestRuntime';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Heard {
  batches: Array<{ n: number | undefined; at: number }>;
}

function listen(socket: TestSocket, onBatch?: (batch: PositionBatch) => void): Heard {
  const heard: Heard = { batches: [] };
  socket.on('units:v1:positions', (batch) => {
    heard.batches.push({ n: batch.n, at: Date.now() });
    onBatch?.(batch);
  });
  return heard;
}

describe('position flow: a console that does not keep up is sent no more positions, and still every alert', () => {
  let env: UnitTestRuntime;
  let units: string[];
  beforeAll(async () => {
    env = await startUnitTestRuntime('pglite');
    units = await Promise.all(['GX-P02', 'GX-P03'].map((c) => env.unitId(c)));
  });
  afterAll(async () => env?.close());

  /** A gateway reporting two units in turn, each once a second, until stopped. */
  function reportPositions(): () => Promise<void> {
    let stopped = false;
    const running = (async () => {
      for (let i = 0; !stopped; i++) {
        const unitId = units[i % units.length] ?? '';
        const res = await fetch(`${env.apiUrl}/api/v1/units/${unitId}/position`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_DEVICE_KEY}` },
          body: JSON.stringify({ lat: 25.86 + i * 0.0001, lng: 115.01 }),
        });
        expect(res.status).toBe(200);
        await sleep(550);
      }
    })();
    return async () => {
      stopped = true;
      await running;
    };
  }

  it('skips the console that stopped confirming until it confirms again; the one that confirms goes on receiving them', async () => {
    const cookie = await loginAs(env.rt.url, 'dispatcher1');
    const keeping = await connectConsole(env.rt.url, cookie);
    const lagging = await connectConsole(env.rt.url, cookie);
    const reporter = createPositionsReporter((r) => keeping.emit('console:v1:positions', r));
    const kept = listen(keeping, (batch) => reporter.applied(batch.n));
    // This one receives but never confirms: a tab too busy to keep up, as the server sees it.
    const lagged = listen(lagging);
    const stop = reportPositions();
    try {
      // Numbered batches reach both at first.
      await waitFor(() => lagged.batches.length > 0 && kept.batches.length > 0, 10_000);
      expect(lagged.batches[0]?.n).toEqual(expect.any(Number));
      // Then the silent one is skipped while the confirming one goes on receiving.
      await waitFor(() => {
        const last = lagged.batches.at(-1)?.at ?? 0;
        return kept.batches.filter((b) => b.at > last + POSITION_MAX_LAG_MS / 2).length >= 3;
      }, 20_000);
      const skippedFrom = lagged.batches.length;

      // Skipped for positions, never for an alert.
      const heardAlert = (socket: TestSocket) => {
        const ids: string[] = [];
        onStreamEvent(socket, (e) => {
          if (e.topic === 'incident') ids.push(e.data.id);
        });
        return ids;
      };
      const keptAlerts = heardAlert(keeping);
      const laggedAlerts = heardAlert(lagging);
      const alert = await raiseAlert(env.rt.url, DISTRESS_ALERT);
      await waitFor(() => keptAlerts.includes(alert.id) && laggedAlerts.includes(alert.id), 10_000);
      expect(lagged.batches.length).toBe(skippedFrom);

      // It catches up and confirms what it has: batches come again.
      const last = lagged.batches.at(-1)?.n ?? 0;
      lagging.emit('console:v1:positions', { n: last });
      await waitFor(() => lagged.batches.length > skippedFrom, 10_000);
    } finally {
      await stop();
      reporter.stop();
      keeping.close();
      lagging.close();
    }
  });

  it('refuses a malformed confirmation with a clear error', async () => {
    const socket = await connectConsole(env.rt.url, await loginAs(env.rt.url, 'dispatcher1'));
    try {
      const answer = await socket.timeout(5000).emitWithAck('console:v1:positions', { n: -1 });
      expect(answer).toMatchObject({ error: { code: 'validation_failed' } });
    } finally {
      socket.close();
    }
  });
});
