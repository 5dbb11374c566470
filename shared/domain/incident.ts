import { z } from 'zod';
import { InfringementCategory } from './category';
import { GeoPoint } from './geo';
import { IsoDateTime, Uuid } from './ids';
import { IncidentStatus } from './incidentStatus';
import { Priority } from './priority';

export const ALERT_SOURCES = [
  'sos_button',
  'call_110',
  'camera',
  'officer_report',
  'supervisor',
  /** A rights-protection application (第十二条), not an alarm: 维权办's queue, never the dispatch wall. */
  'application',
] as const;
export const AlertSource = z.enum(ALERT_SOURCES);
export type AlertSource = z.infer<typeof AlertSource>;

/** The sources' Chinese names: the one source for the client's zh-CN labels and the exported ledger. */
export const ALERT_SOURCE_NAMES: Readonly<Record<AlertSource, string>> = {
  sos_button: '一键求助',
  application: '维权申请',
  call_110: '110 接警',
  camera: '视频监控',
  officer_report: '民警报告',
  supervisor: '值班领导',
};

/** A known officer by id, or free text for an auxiliary or off-duty officer (第三十七条, 第三十八条). */
export const InvolvedOfficer = z.union([
  z.object({ userId: Uuid }),
  z.object({ name: z.string().trim().min(1).max(100), note: z.string().max(500).optional() }),
]);
export type InvolvedOfficer = z.infer<typeof InvolvedOfficer>;

export const Intervals = z.object({
  raisedAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  firstEnRouteAt: IsoDateTime.nullable(),
  firstOnSceneAt: IsoDateTime.nullable(),
  controlledAt: IsoDateTime.nullable(),
});
export type Intervals = z.infer<typeof Intervals>;

/** The unacknowledged-alert ladder: re-alarm, then the supervisor on duty, then the nearest units directly. */
export const UNACKED_STEPS = ['re_alarm', 'notify_supervisor', 'page_nearest_units'] as const;
export const UnackedStep = z.enum(UNACKED_STEPS);
export type UnackedStep = z.infer<typeof UnackedStep>;

export const ALARM_REASONS = ['new_alert', 're_alarm', 'checkin_missed'] as const;
export const AlarmReason = z.enum(ALARM_REASONS);
export type AlarmReason = z.infer<typeof AlarmReason>;

export const Incident = z.object({
  id: Uuid,
  /** Short human reference read out over the radio, e.g. GX-20261123-0042. */
  reference: z.string(),
  category: InfringementCategory,
  status: IncidentStatus,
  priority: Priority,
  source: AlertSource,
  position: GeoPoint.nullable(),
  address: z.string().nullable(),
  occurredAt: IsoDateTime,
  officers: z.array(InvolvedOfficer),
  injured: z.boolean(),
  vehicleInvolved: z.boolean(),
  onRoad: z.boolean(),
  ongoing: z.boolean(),
  /** The case drew public attention (media, a video spreading): put before 维权委. */
  mediaAttention: z.boolean(),
  contentUrls: z.array(z.url()),
  description: z.string(),
  raisedByUserId: Uuid.nullable(),
  raisedByUnitId: Uuid.nullable(),
  acknowledgedByUserId: Uuid.nullable(),
  intervals: Intervals,
  unackedStep: UnackedStep.nullable(),
  pagedUnitIds: z.array(Uuid),
  checkInDueAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  version: z.number().int().min(1),
});
export type Incident = z.infer<typeof Incident>;
