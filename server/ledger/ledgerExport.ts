import type { LedgerEntry } from '@shared/api/ledger';
import ExcelJS from 'exceljs';
import { chinaDate } from './chinaTime';
import { CATEGORY_ZH, DEPARTMENT_ZH, KIND_ZH, labelOf, OUTCOME_ZH, REMEDY_ZH } from './ledgerLabels';

/** The exported columns, in order: Chinese headers, each with how a ledger entry fills it. */
const COLUMNS: ReadonlyArray<{ header: string; width: number; value: (e: LedgerEntry) => string }> = [
  { header: '类型', width: 8, value: (e) => KIND_ZH[e.kind] },
  { header: '编号', width: 20, value: (e) => e.reference },
  { header: '发生/收到时间', width: 18, value: (e) => chinaDateTime(e.at) },
  { header: '侵害类别', width: 12, value: (e) => CATEGORY_ZH[e.category] },
  { header: '状态', width: 12, value: (e) => labelOf.state(e.state) },
  { header: '办理结果', width: 10, value: (e) => OUTCOME_ZH[e.outcome] },
  { header: '来源/渠道', width: 14, value: (e) => labelOf.channel(e.channel) },
  { header: '涉及民警', width: 18, value: (e) => e.officers.map((o) => o.name).join('、') },
  { header: '涉及单位', width: 18, value: (e) => e.units.map((u) => u.name).join('、') },
  { header: '承办部门', width: 20, value: (e) => e.departments.map((d) => DEPARTMENT_ZH[d]).join('、') },
  { header: '申请人（已脱敏）', width: 14, value: (e) => e.applicant ?? '' },
  {
    header: '行为人处理',
    width: 12,
    value: (e) => (e.offenderHandling ? labelOf.track(e.offenderHandling) : ''),
  },
  { header: '维权措施', width: 24, value: (e) => e.remedies.map((r) => REMEDY_ZH[r]).join('、') },
  { header: '关联编号', width: 20, value: (e) => e.linkedReference ?? '' },
  { header: '摘要', width: 50, value: (e) => e.summary },
];

export const LEDGER_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

function chinaDateTime(iso: string): string {
  const at = new Date(iso);
  const hm = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${chinaDate(at)} ${hm}`;
}

export function ledgerRows(entries: readonly LedgerEntry[]): string[][] {
  return entries.map((e) => COLUMNS.map((c) => c.value(e)));
}

/**
 * A cell Excel would read as a formula (=, +, -, @, or a control character first) is prefixed
 * with an apostrophe: a summary typed by an applicant must not run as a formula on a desk PC.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** UTF-8 with a byte-order mark, CRLF lines: what Excel on a Chinese Windows opens without mojibake. */
export function toCsv(entries: readonly LedgerEntry[]): Buffer {
  const lines = [LEDGER_EXPORT_HEADERS, ...ledgerRows(entries)].map((row) => row.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function toXlsx(
  entries: readonly LedgerEntry[],
  filterLines: readonly string[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Shieldline';
  book.created = new Date();
  const sheet = book.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of ledgerRows(entries)) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  // what was asked for travels with the file, so a printed sheet says which part of the ledger it is
  const about = book.addWorksheet('筛选条件');
  about.columns = [{ header: '筛选条件', width: 60 }];
  for (const line of filterLines) about.addRow([line]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
