import type { LedgerKind, LedgerOutcome } from '@shared/api/ledger';
import type { CaseChannel, CaseStatus, RemedyKind } from '@shared/domain/case';
import type { InfringementCategory } from '@shared/domain/category';
import type { DepartmentId } from '@shared/domain/department';
import type { AlertSource } from '@shared/domain/incident';
import type { IncidentStatus } from '@shared/domain/incidentStatus';

/**
 * The Chinese words of an exported ledger (an Excel file leaves the system, so it carries words,
 * not codes). The same words as the client's zh-CN labels; typed per enum so a value added in
 * shared/ without a word here fails the typecheck.
 */
export const KIND_ZH: Record<LedgerKind, string> = { incident: '警情', case: '维权案件' };

export const CATEGORY_ZH: Record<InfringementCategory, string> = {
  violent_attack: '暴力袭击',
  vehicle_ramming: '车辆冲撞',
  mob_obstruction: '聚众阻碍',
  physical_harm: '扣押推搡',
  threat_harassment: '威胁骚扰',
  false_accusation: '诬告报复',
  malicious_complaint: '恶意投诉',
  privacy_violation: '隐私侵犯',
  wrongful_discipline: '错误追责',
  other: '其他',
};

export const STATE_ZH: Record<IncidentStatus | CaseStatus, string> = {
  new: '新警情',
  acknowledged: '已确认',
  dispatched: '已派遣',
  on_scene: '已到场',
  controlled: '已控制',
  closed: '已结案',
  cancelled: '已撤销',
  false_alarm: '误报',
  received: '待决定',
  accepted: '已受理',
  refused: '不予受理',
  review_requested: '已申请复核',
  feedback_given: '已书面反馈',
  reexamination_requested: '已申请复查',
};

export const OUTCOME_ZH: Record<LedgerOutcome, string> = {
  in_progress: '办理中',
  resolved: '已办结',
  refused: '不予受理',
  false_alarm: '误报',
  cancelled: '已撤销',
};

export const CHANNEL_ZH: Record<AlertSource | CaseChannel, string> = {
  sos_button: '一键求助',
  application: '维权申请',
  call_110: '110 接警',
  camera: '视频监控',
  officer_report: '民警报告',
  supervisor: '值班领导',
  written: '书面',
  intranet: '公安内网',
  internet: '互联网',
  mobile_app: '警务通维权申请APP',
  referral: '部门移送/指挥中心通报',
};

export const DEPARTMENT_ZH: Record<DepartmentId, string> = {
  command_center: '指挥中心',
  rights_office: '维权办',
  inspection: '警务督察大队',
  political_work: '政工室',
  logistics: '警务保障室',
  legal: '法制大队',
  investigation: '刑侦、治安',
  cyber: '网安大队',
  traffic: '交通管理大队',
  local_station: '属地派出所',
};

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
