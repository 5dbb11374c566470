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
import { createBatchHold } from './streamBatches';

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

describe('the hold: which outbox rows a relay pass leaves for later', () => {
  const task = (id: number, attempts = 0) => ({ id, topic: 'task', attempts });

  it('holds task rows until the oldest has waited the window, and says when to come back', () => {
    const hold = createBatchHold(100, 200);
    expect(hold.holdBack([task(1)], 1000)).toBe(true);
    expect(hold.takeWakeAt()).toBe(1100);
    expect(hold.takeWakeAt()).toBeUndefined();
    // A newer row does not restart the wait of the oldest.
    expect(hold.holdBack([task(1), task(2)], 1050)).toBe(true);
    expect(hold.takeWakeAt()).toBe(1100);
    expect(hold.holdBack([task(1), task(2)], 1100)).toBe(false);
  });

  it('holds nothing when anything else is pending, a row is a retry, or a page is full', () => {
    const hold = createBatchHold(100, 3);
    expect(hold.holdBack([task(1), { id: 2, topic: 'incident', attempts: 0 }], 0)).toBe(false);
    expect(hold.holdBack([task(3, 1)], 0)).toBe(false);
    expect(hold.holdBack([task(4), task(5), task(6)], 0)).toBe(false);
    expect(createBatchHold(0, 200).holdBack([task(7)], 0)).toBe(false);
    expect(createBatchHold(0, 200).batches('task')).toBe(false);
    expect(hold.batches('task')).toBe(true);
    expect(hold.batches('incident')).toBe(false);
  });

  it('forgets rows once another pass has published them', () => {
    const hold = createBatchHold(100, 200);
    hold.holdBack([task(1)], 0);
    hold.holdBack([], 500);
    // Seen again (say, unpublished after a failed commit): it waits from now, not from 0.
    expect(hold.holdBack([task(1)], 600)).toBe(true);
    expect(hold.takeWakeAt()).toBe(700);
  });
});
