import { z } from 'zod';
import { Uuid } from '../../domain/ids';
import { Unit, UnitPosition } from '../../domain/unit';
import { PositionReport } from '../../events/socketEvents';
import { defineContract } from '../contract';
import { DutyRequest } from '../field';
import { positionReportIssues } from '../positionReport';

const UnitParams = z.object({ id: Uuid });

export const PositionAck = z.object({
  accepted: z.boolean(),
  /** Why a report was dropped: older than the stored one, or a second one within a second. */
  reason: z.enum(['stale', 'rate_limited']).optional(),
});

const ReportBody = PositionReport.superRefine((report, ctx) => {
  for (const issue of positionReportIssues(report)) {
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  }
});

/** A replay is read in windows; one of 12 h at one report a second is at most 43 200 points. */
export const MAX_TRACK_WINDOW_MS = 12 * 3600 * 1000;

const TrackQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .superRefine(({ from, to }, ctx) => {
    const span = Date.parse(to) - Date.parse(from);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (span > MAX_TRACK_WINDOW_MS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the window may span at most 12 hours' });
  });

export const UnitTrack = z.object({
  unitId: Uuid,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  points: z.array(UnitPosition),
});

export const UnitList = z.object({ units: z.array(Unit) });

export const unitRoutes = {
  reportPosition: defineContract({
    method: 'post',
    path: '/api/v1/units/:id/position',
    summary:
      "Report a unit's position (a gateway with a device key, or the unit's own officer). At most one report a second is accepted; an extra or out-of-order one answers accepted: false.",
    tags: ['units'],
    permission: 'units:report_position',
    params: UnitParams,
    body: ReportBody,
    response: PositionAck,
  }),
  track: defineContract({
    method: 'get',
    path: '/api/v1/units/:id/track',
    summary: "A unit's recorded positions between from and to (at most 12 hours), oldest first, for replay",
    tags: ['units'],
    permission: 'units:read',
    params: UnitParams,
    query: TrackQuery,
    response: UnitTrack,
  }),
  list: defineContract({
    method: 'get',
    path: '/api/v1/units',
    summary: 'Every unit with its latest known position',
    tags: ['units'],
    permission: 'units:read',
    response: UnitList,
  }),
  duty: defineContract({
    method: 'post',
    path: '/api/v1/field/duty',
    summary: 'A field officer puts the own unit on duty (available) or off duty (out of service)',
    tags: ['units'],
    permission: 'units:report_position',
    body: DutyRequest,
    response: Unit,
  }),
};
