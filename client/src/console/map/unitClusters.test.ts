import { describe, expect, it } from 'vitest';
import { applySnapshot, initialConsoleState } from '../consoleState';
import { assignment, incident, snapshot, unit, uuid } from '../testFixtures';
import { clusterPoints, clusterRadius, neverClustered } from './unitClusters';

describe('unit clustering', () => {
  it('merges dense cells into one cluster at their centroid and leaves sparse ones single', () => {
    const dense = Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, x: 10 + i, y: 20 }));
    const sparse = [
      { id: 's1', x: 500, y: 500 },
      { id: 's2', x: 510, y: 505 },
    ];
    const { singles, clusters } = clusterPoints([...dense, ...sparse], 60, 4);
    expect(singles.sort()).toEqual(['s1', 's2']);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ key: '0:0', x: 12, y: 20 });
    expect(clusters[0]?.ids).toHaveLength(5);
  });

  it('keeps cells in absolute pixel space and skips points without a position', () => {
    const { singles, clusters } = clusterPoints(
      [
        { id: 'a', x: 59, y: 0 },
        { id: 'b', x: 61, y: 0 },
        { id: 'c', x: Number.NaN, y: 0 },
      ],
      60,
      2,
    );
    expect(clusters).toEqual([]);
    expect(singles.sort()).toEqual(['a', 'b']);
  });

  it('sizes clusters by count within bounds', () => {
    expect(clusterRadius(4)).toBeGreaterThan(11);
    expect(clusterRadius(10_000)).toBe(26);
  });
});

describe('units that are never clustered', () => {
  const state = applySnapshot(
    initialConsoleState(),
    snapshot(1, {
      incidents: [
        // An open distress incident raised by unit 1, worked by unit 2.
        incident(1, { priority: 1, status: 'dispatched', raisedByUnitId: uuid(1001) }),
        // A routine one worked by unit 3.
        incident(2, { priority: 4, status: 'dispatched' }),
        // A closed distress incident: its unit may cluster again.
        incident(3, { priority: 1, status: 'closed', raisedByUnitId: uuid(1004) }),
      ],
      units: [unit(1), unit(2), unit(3), unit(4), unit(5), unit(6)],
      assignments: [assignment(1, 1, 2, { status: 'en_route' }), assignment(2, 2, 3, { status: 'accepted' })],
    }),
  );
  const none = { selectedUnitId: null, followUnitId: null, selectedIncidentId: null };

  it('always includes the units in distress and those working a distress incident', () => {
    expect([...neverClustered(state, none, [])].sort()).toEqual([uuid(1001), uuid(1002)]);
  });

  it("adds the operator's focus: selected, followed, and the selected incident's units", () => {
    const ids = neverClustered(
      state,
      { selectedUnitId: uuid(1005), followUnitId: uuid(1006), selectedIncidentId: uuid(2) },
      [uuid(1004)],
    );
    expect([...ids].sort()).toEqual([1001, 1002, 1003, 1004, 1005, 1006].map(uuid));
  });
});
