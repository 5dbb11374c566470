import type { LedgerFilters } from '@shared/api/ledger';
import { CATEGORY_ZH, DEPARTMENT_ZH, KIND_ZH, labelOf, OUTCOME_ZH } from './ledgerLabels';

/** The filters of an export in words, for the file's own sheet of what it holds. */
export function describeFilters(f: LedgerFilters, rows: number): string[] {
  const lines: string[] = [`导出时间：${new Date().toISOString()}`, `记录数：${rows}`];
  if (f.from || f.to) lines.push(`时间：${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  if (f.kind) lines.push(`类型：${KIND_ZH[f.kind]}`);
  if (f.category) lines.push(`侵害类别：${CATEGORY_ZH[f.category]}`);
  if (f.unitId) lines.push(`涉及单位：${f.unitId}`);
  if (f.officerId) lines.push(`涉及民警：${f.officerId}`);
  if (f.departmentId) lines.push(`承办部门：${DEPARTMENT_ZH[f.departmentId]}`);
  if (f.state) lines.push(`状态：${labelOf.state(f.state)}`);
  if (f.outcome) lines.push(`办理结果：${OUTCOME_ZH[f.outcome]}`);
  if (f.channel) lines.push(`来源/渠道：${labelOf.channel(f.channel)}`);
  if (f.q) lines.push(`关键词：${f.q}`);
  if (lines.length === 2) lines.push('全部记录（未筛选）');
  lines.push('申请人姓名、电话已脱敏。');
  return lines;
}
