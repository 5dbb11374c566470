import type { StreamBatch } from '@shared/events/socketEvents';
import type { StreamEvent } from '@shared/events/streamEvent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlert, RAMMING_ALERT } from '../tasks/taskTestKit';
import {
  connectConsole,
  loginAs,
  startTestRuntime,
  type TestRuntime,
  type TestSocket,
  waitFor,
} from '../testing/testRuntime';

interface Packets {
  single: StreamEvent[];
  batches: StreamEvent[][];
}

function recordPackets(socket: TestSocket): Packets {
  const got: Packets = { single: [], batches: [] };
  socket.on('stream:v1:event', (e) => got.single.push(e));
  socket.on('stream:v1:batch', (b: StreamBatch) => got.batches.push(b.events));
  return got;
}

describe('stream batching: linkage tasks share packets, incidents never wait', () => {
  let rt: TestRuntime;
  let dispatcher: TestSocket;
  let traffic: TestSocket;
  beforeAll(async () => {
    // A window wide enough that the tasks one alert makes land in it on a slow CI runner.
    rt = await startTestRuntime('pglite', { STREAM_BATCH_MS: '300' });
    dispatcher = await connectConsole(rt.url, await loginAs(rt.url, 'dispatcher1'));
    traffic = await connectConsole(rt.url, await loginAs(rt.url, 'traffic'));
  });
  afterAll(async () => {
    dispatcher?.close();
    traffic?.close();
    await rt?.close();
  });

  it('sends the incident alone and the tasks of its linkage in batches, each to its rooms', async () => {
    const atCommandCenter = recordPackets(dispatcher);
    const atTraffic = recordPackets(traffic);
    const incident = await postAlert(rt.url, RAMMING_ALERT);
    const tasksOf = (p: Packets) =>
      p.batches.flat().filter((e) => e.topic === 'task' && e.data.incidentId === incident.id);
    // A ramming with an injured officer gives several departments a task, 交管 among them.
    await waitFor(() => tasksOf(atCommandCenter).length >= 3 && tasksOf(atTraffic).length >= 1, 15_000);

    // The incident came alone, at once; no task came alone.
    expect(atCommandCenter.single.some((e) => e.topic === 'incident' && e.data.id === incident.id)).toBe(
      true,
    );
    expect(atCommandCenter.single.filter((e) => e.topic === 'task')).toEqual([]);
    expect(atTraffic.single.filter((e) => e.topic === 'task')).toEqual([]);
    // The tasks created together shared a packet, in sequence order.
    const shared = atCommandCenter.batches.filter((b) => b.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const batch of atCommandCenter.batches) {
      const seqs = batch.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    // 交管 got its own tasks only: a department room's batch holds that department's events.
    const trafficTasks = tasksOf(atTraffic);
    expect(trafficTasks.every((e) => e.topic === 'task' && e.data.departmentId === 'traffic')).toBe(true);
    // Every task the command center heard of went out once per room: no duplicates for a
    // console that is only in the command center's room.
    const seqs = tasksOf(atCommandCenter).map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
