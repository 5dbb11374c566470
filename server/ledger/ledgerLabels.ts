import type { LedgerKind, LedgerOutcome } from '@shared/api/ledger';
import {
  CASE_CHANNEL_NAMES,
  CASE_STATUS_NAMES,
  type CaseChannel,
  type CaseStatus,
  type RemedyKind,
} from '@shared/domain/case';
import { CATEGORY_SHORT_NAMES } from '@shared/domain/category';
import { DEPARTMENT_NAMES } from '@shared/domain/department';
import { ALERT_SOURCE_NAMES, type AlertSource } from '@shared/domain/incident';
import { INCIDENT_STATUS_NAMES, type IncidentStatus } from '@shared/domain/incidentStatus';

/**
 * The Chinese words of an exported ledger (an Excel file leaves the system, so it carries words,
 * not codes). Names that the client shows too come from shared/, where its zh-CN labels take
 * them; the rest are the ledger's own, typed per enum so a value added in shared/ without a word
 * here fails the typecheck.
 */
export const KIND_ZH: Record<LedgerKind, string> = { incident: '警情', case: '维权案件' };

export const CATEGORY_ZH = CATEGORY_SHORT_NAMES;

export const STATE_ZH: Readonly<Record<IncidentStatus | CaseStatus, string>> = {
  ...INCIDENT_STATUS_NAMES,
  ...CASE_STATUS_NAMES,
};

export const OUTCOME_ZH: Record<LedgerOutcome, string> = {
  in_progress: '办理中',
  resolved: '已办结',
  refused: '不予受理',
  false_alarm: '误报',
  cancelled: '已撤销',
};

export const CHANNEL_ZH: Readonly<Record<AlertSource | CaseChannel, string>> = {
  ...ALERT_SOURCE_NAMES,
  ...CASE_CHANNEL_NAMES,
};

export const DEPARTMENT_ZH = DEPARTMENT_NAMES;

export const TRACK_ZH: Record<string, string> = {
  criminal_obstruction: '妨害公务罪',
  criminal_assault_police: '袭警罪',
  administrative: '行政处罚',
  none: '不予处理',
};

export const REMEDY_ZH: Record<RemedyKind, string> = {
  offender_handling: '行为人处理',
  liability_finding: '责任认定',
  liability_appeal: '申诉复核',
  legal_counsel: '法律顾问',
  comfort_money: '维权抚慰金',
  compensation: '免责补偿',
  green_channel: '就医绿色通道',
  psychological_intervention: '心理危机干预',
  name_clearing: '正名通知书',
  press_statement: '新闻发布',
};

const label = (map: Record<string, string>, key: string) => map[key] ?? key;
export const labelOf = {
  state: (s: string) => label(STATE_ZH, s),
  channel: (s: string) => label(CHANNEL_ZH, s),
  track: (s: string) => label(TRACK_ZH, s),
};
