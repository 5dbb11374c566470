import type { AssignmentStatus } from '@shared/domain/assignment';
import type { CaseStatus, CaseTaskStatus } from '@shared/domain/case';
import type { InfringementCategory } from '@shared/domain/category';
import type { DepartmentId } from '@shared/domain/department';
import type { AlertSource, UnackedStep } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import type { TaskKind, TaskStatus } from '@shared/domain/task';
import type { TimelineKind } from '@shared/domain/timeline';
import type { UnitKind, UnitStatus } from '@shared/domain/unit';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Column types as Kysely sees the tables of migrations/. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type BigSerial = ColumnType<number, never, never>;

export interface DepartmentsTable {
  id: DepartmentId;
  name: string;
  webhook_url: string | null;
  webhook_secret: string | null;
}

export interface DepartmentContactsTable {
  department_id: DepartmentId;
  duty_contact: string | null;
  head_contact: string | null;
}

export interface UnitsTable {
  id: string;
  call_sign: string;
  department_id: DepartmentId;
  kind: UnitKind;
  status: UnitStatus;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  position_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  department_id: DepartmentId | null;
  org_unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: string;
  /** 第六条: the committee's director (主任, the 督察长). */
  committee_director: Generated<boolean>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
}

export interface OfficerProfilesTable {
  user_id: string;
  home_address: string | null;
  relatives: JSONColumnType<Array<{ relation: string; name: string; address?: string }>>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

export interface DeviceKeysTable {
  id: string;
  name: string;
  key_hash: string;
  scope: string;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
  /** Units whose positions this key may report (JSON array of ids); empty: none. */
  unit_ids: ColumnType<string[], string | undefined, string>;
}

export interface AuditLogTable {
  id: BigSerial;
  at: Timestamp;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  request_id: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface IncidentsTable {
  id: string;
  reference: string;
  category: InfringementCategory;
  status: IncidentStatus;
  priority: number;
  source: AlertSource;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  address: string | null;
  occurred_at: Timestamp;
  officers: JSONColumnType<unknown[]>;
  injured: boolean;
  vehicle_involved: boolean;
  on_road: boolean;
  ongoing: boolean;
  media_attention: Generated<boolean>;
  content_urls: JSONColumnType<string[]>;
  description: string;
  raised_by_user_id: string | null;
  raised_by_unit_id: string | null;
  raised_by_device_id: string | null;
  acknowledged_by_user_id: string | null;
  raised_at: Timestamp;
  acknowledged_at: Timestamp | null;
  first_en_route_at: Timestamp | null;
  first_on_scene_at: Timestamp | null;
  controlled_at: Timestamp | null;
  closed_at: Timestamp | null;
  unacked_step: UnackedStep | null;
  paged_unit_ids: ColumnType<string[], string | undefined, string>;
  checkin_due_at: Timestamp | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface IncidentEventsTable {
  id: BigSerial;
  incident_id: string;
  at: Timestamp;
  actor: string;
  kind: TimelineKind;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  incident_id: string;
  created_at: Generated<Date>;
}

export interface AssignmentsTable {
  id: string;
  incident_id: string;
  unit_id: string;
  status: AssignmentStatus;
  dispatched_by_user_id: string | null;
  dispatched_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentTasksTable {
  id: string;
  incident_id: string;
  department_id: DepartmentId;
  kind: TaskKind;
  status: TaskStatus;
  article: string;
  ack_deadline: Timestamp;
  escalation_level: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  rule_id: string | null;
  rule_version: number | null;
  handling: ColumnType<unknown, string | null | undefined, string | null>;
  restricted: Generated<boolean>;
  note: string | null;
  delivered_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  completed_at: Timestamp | null;
  version: Generated<number>;
  org_unit_id: ColumnType<string | null, string | null | undefined, string | null>;
  org_unit_name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TaskRestrictedDetailsTable {
  task_id: string;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface LinkageRuleSetsTable {
  version: number;
  rule_set: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
  created_by: string;
}

export interface DeliveryAttemptsTable {
  id: BigSerial;
  task_id: string;
  channel: string;
  event: string;
  recipient: string;
  attempt: number;
  outcome: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
  at: Timestamp;
}

export interface EvidenceCapturesTable {
  id: string;
  incident_id: string;
  url: string;
  status: string;
  final_url: string | null;
  http_status: number | null;
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  content_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  storage_key: string | null;
  captured_at: Timestamp | null;
  attempts: Generated<number>;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: BigSerial;
  topic: string;
  aggregate_id: string;
  payload: JSONColumnType<Record<string, unknown>>;
  rooms: JSONColumnType<string[]>;
  jobs: JSONColumnType<unknown[]>;
  alarm: string | null;
  created_at: Generated<Date>;
  stream_seq: ColumnType<number | null, never, number>;
  published_at: Timestamp | null;
  jobs_enqueued_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  dead_lettered_at: Timestamp | null;
}

/** One row: the highest stream sequence the pruner has removed (017_outbox_retention). */
export interface OutboxPrunedTable {
  only_row: Generated<boolean>;
  through_seq: ColumnType<number, number, number>;
}

export interface DeliveryFailuresTable {
  id: BigSerial;
  task_id: string;
  channel: string;
  event: string;
  recipient: string;
  attempts: number;
  error: string | null;
  failed_at: Timestamp;
}

export interface UnitPositionsTable {
  unit_id: string;
  at: Timestamp;
  lat: number;
  lng: number;
  accuracy_m: number | null;
}

export interface EvidenceUploadsTable {
  id: string;
  incident_id: string | null;
  case_id: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  status: string;
  client_sha256: string;
  sha256: string | null;
  uploaded_by_user_id: string;
  unit_id: string | null;
  device: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface EvidenceCustodyTable {
  id: BigSerial;
  upload_id: string;
  at: Timestamp;
  actor: string;
  action: string;
  device: string | null;
  ip: string | null;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface PushSubscriptionsTable {
  endpoint: string;
  user_id: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: Timestamp;
  last_success_at: Timestamp | null;
  last_failure: string | null;
}

export interface UnitContactsTable {
  unit_id: string;
  sms_contact: string;
}

export interface AssignmentNoticesTable {
  id: BigSerial;
  assignment_id: string;
  channel: string;
  recipient: string;
  outcome: string;
  error: string | null;
  at: Timestamp;
}

export interface OrgUnitsTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  department_id: string | null;
  lat: number | null;
  lng: number | null;
  area: ColumnType<Array<[number, number]> | null, string | null, string | null>;
  area_approximate: Generated<boolean>;
  township: string | null;
  sort: Generated<number>;
  updated_at: Generated<Date>;
}

export interface HandlingRevisionsTable {
  id: BigSerial;
  task_id: string;
  suggestion: ColumnType<unknown, string, string>;
  source: string;
  actor: string;
  reason: string | null;
  created_at: Generated<Date>;
}

type DateColumn = ColumnType<string, string, string>;

export interface CasesTable {
  id: string;
  reference: string;
  status: CaseStatus;
  channel: string;
  category: string;
  summary: string;
  applicant_kind: string;
  applicant_user_id: string | null;
  applicant: JSONColumnType<Record<string, unknown>>;
  incident_id: string | null;
  received_at: Timestamp;
  received_on: DateColumn;
  acceptance_due: DateColumn;
  acceptance_basis: string;
  decision: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  refusal_reasons: string | null;
  review_due: DateColumn | null;
  review_basis: string | null;
  accepted_on: DateColumn | null;
  feedback_due: DateColumn | null;
  feedback_basis: string | null;
  feedback_extended: Generated<boolean>;
  feedback_given_at: Timestamp | null;
  feedback_text: string | null;
  referred_up_at: Timestamp | null;
  liability_finding: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: ColumnType<Date | string | null, Date | null | undefined, Date | null>;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  serious_reasons: ColumnType<string[] | null, string | null | undefined, string | null>;
  serious_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  supervised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  supervised_by: ColumnType<string | null, string | null | undefined, string | null>;
  supervised_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  supervision_note: ColumnType<string | null, string | null | undefined, string | null>;
  extension_request: ColumnType<ExtensionRequestColumn | null, string | null | undefined, string | null>;
}

/** 第十六条: 维权办's pending request for more time, as stored. */
export interface ExtensionRequestColumn {
  until: string;
  reasons: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
}

export interface CaseNoticesTable {
  id: string;
  case_id: string;
  kind: string;
  notice_key: string;
  audience: JSONColumnType<string[]>;
  details: JSONColumnType<Record<string, unknown>>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface CaseOfficersTable {
  case_id: string;
  position: number;
  user_id: string | null;
  name: string;
  auxiliary: boolean;
  off_duty: boolean;
}

export interface CaseEventsTable {
  id: BigSerial;
  case_id: string;
  at: Timestamp;
  actor: string;
  actor_name: string | null;
  kind: string;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  department_id: DepartmentId;
  request: string;
  status: CaseTaskStatus;
  result: string | null;
  created_by: string;
  created_at: Timestamp;
  completed_by: string | null;
  completed_at: Timestamp | null;
}

export interface CaseRemediesTable {
  id: string;
  case_id: string;
  kind: string;
  details: JSONColumnType<Record<string, unknown>>;
  amount_yuan: ColumnType<string | null, number | null, number | null>;
  approved_by: string;
  recorded_by: string;
  at: Timestamp;
}

export interface WorkingCalendarYearsTable {
  year: number;
  holidays: JSONColumnType<string[]>;
  workdays: JSONColumnType<string[]>;
  entered_by: string;
  entered_at: Timestamp;
}

export interface WarningsTable {
  id: string;
  model: string;
  subject_key: string;
  fingerprint: string;
  status: string;
  evidence: JSONColumnType<Record<string, unknown>>;
  refs: JSONColumnType<unknown[]>;
  fired_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_note: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolved_note: string | null;
  cleared_at: Timestamp | null;
}

export interface WarningSettingsTable {
  version: number;
  settings: JSONColumnType<Record<string, unknown>>;
  created_by: string;
  created_at: Timestamp;
}

export interface DB {
  org_units: OrgUnitsTable;
  handling_revisions: HandlingRevisionsTable;
  departments: DepartmentsTable;
  units: UnitsTable;
  users: UsersTable;
  case_notices: CaseNoticesTable;
  officer_profiles: OfficerProfilesTable;
  sessions: SessionsTable;
  device_keys: DeviceKeysTable;
  audit_log: AuditLogTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  assignments: AssignmentsTable;
  department_tasks: DepartmentTasksTable;
  outbox: OutboxTable;
  outbox_pruned: OutboxPrunedTable;
  delivery_failures: DeliveryFailuresTable;
  unit_positions: UnitPositionsTable;
  department_contacts: DepartmentContactsTable;
  task_restricted_details: TaskRestrictedDetailsTable;
  linkage_rule_sets: LinkageRuleSetsTable;
  delivery_attempts: DeliveryAttemptsTable;
  evidence_captures: EvidenceCapturesTable;
  evidence_uploads: EvidenceUploadsTable;
  evidence_custody: EvidenceCustodyTable;
  push_subscriptions: PushSubscriptionsTable;
  unit_contacts: UnitContactsTable;
  assignment_notices: AssignmentNoticesTable;
  cases: CasesTable;
  case_officers: CaseOfficersTable;
  case_events: CaseEventsTable;
  case_tasks: CaseTasksTable;
  case_remedies: CaseRemediesTable;
  working_calendar_years: WorkingCalendarYearsTable;
  warnings: WarningsTable;
  warning_settings: WarningSettingsTable;
  case_checkpoints: CaseCheckpointsTable;
  case_checkpoint_confirmations: CaseCheckpointConfirmationsTable;
  clearing_days: ClearingDaysTable;
  clearing_day_items: ClearingDayItemsTable;
  clearing_carryovers: ClearingCarryoversTable;
  clearing_signoffs: ClearingSignoffsTable;
}

export interface CaseCheckpointsTable {
  id: string;
  label_zh: string;
  label_en: string;
  kind: string;
  active: Generated<boolean>;
  position: number;
  created_by: string;
  created_at: Timestamp;
}

export interface CaseCheckpointConfirmationsTable {
  case_id: string;
  checkpoint_id: string;
  note: string;
  confirmed_by: string;
  confirmed_at: Timestamp;
}

export interface ClearingDaysTable {
  day: string;
  built_at: Timestamp;
}

export interface ClearingDayItemsTable {
  day: string;
  item_kind: string;
  item_id: string;
  status: string;
}

export interface ClearingCarryoversTable {
  id: string;
  day: string;
  item_kind: string;
  item_id: string;
  reason: string;
  given_by: string;
  given_at: Timestamp;
}

export interface ClearingSignoffsTable {
  period_kind: string;
  period: string;
  signed_by: string;
  signed_at: Timestamp;
  note: string;
  open_count: number;
  snapshot: JSONColumnType<Record<string, unknown>>;
}
