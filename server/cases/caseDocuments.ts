import type { Case } from '@shared/domain/case';
import { CATEGORY_NAMES } from '@shared/domain/category';

/**
 * The written documents to the applicant, print-ready: the answer (第十四条: 受理 or 不予受理 with
 * reasons, and the right to 复核 under 第十五条) and the feedback (第十六条). Chinese, the
 * bureau's heading, A4. Generated from the case, so what is printed is what is recorded.
 */

const BUREAU = '赣县区公安局';
const OFFICE = '赣县区公安局维护民警执法权威工作委员会';

const CATEGORY_ZH = CATEGORY_NAMES;

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function zhDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function applicantName(c: Case): string {
  if (c.applicant.kind === 'unit') return c.applicant.unitName ?? '申请单位';
  return c.applicant.name ?? '申请人';
}

function page(title: string, docNo: string, body: string, dated: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
@page { size: A4; margin: 25mm 22mm; }
body { font-family: "FangSong", "STFangsong", "Songti SC", serif; font-size: 16pt; line-height: 1.8; color: #000; max-width: 170mm; margin: 0 auto; }
.head { text-align: center; color: #c00; font-size: 22pt; font-weight: bold; letter-spacing: .15em; border-bottom: 2px solid #c00; padding-bottom: 6pt; }
h1 { text-align: center; font-size: 20pt; font-family: "SimHei", "Heiti SC", sans-serif; margin: 18pt 0 6pt; }
.no { text-align: center; font-size: 12pt; }
p { text-indent: 2em; margin: 6pt 0; }
p.to { text-indent: 0; }
.sign { text-align: right; margin-top: 36pt; }
.print { position: fixed; top: 8px; right: 8px; font-size: 11pt; }
@media print { .print { display: none; } }
</style></head>
<body>
<button class="print" type="button" onclick="window.print()">打印</button>
<div class="head">${escapeHtml(OFFICE)}</div>
<h1>${escapeHtml(title)}</h1>
<div class="no">${escapeHtml(docNo)}</div>
${body}
<div class="sign"><div>${escapeHtml(OFFICE)}</div><div>（${escapeHtml(BUREAU)}维权办代章）</div><div>${escapeHtml(zhDate(dated))}</div></div>
</body></html>`;
}

/** 第十四条: 受理通知书 or 不予受理告知书. */
export function answerDocument(c: Case): string | null {
  if (!c.decision || !c.decidedAt) return null;
  const to = `<p class="to">${escapeHtml(applicantName(c))}：</p>`;
  const received = `你（单位）于${zhDate(c.receivedOn)}提出的维护民警执法权威申请（${escapeHtml(CATEGORY_ZH[c.category])}）收悉。`;
  if (c.decision === 'accept') {
    return page(
      '维护民警执法权威申请受理通知书',
      `案件编号：${escapeHtml(c.reference)}`,
      `${to}<p>${received}经审查，该申请属于维权职责范围，根据《赣县区公安局维护民警执法权威工作实施办法》第十四条之规定，决定予以受理，并已登记。</p>
<p>本委将督促和协调相关部门开展调查，依法及时处理，并于受理之日起30日内将调查结论及处理情况书面反馈你（单位）（第十六条）${c.deadlines.feedback ? `，即不迟于${zhDate(c.deadlines.feedback.due)}` : ''}。</p>
<p>特此通知。</p>`,
      c.decidedAt,
    );
  }
  const review = c.deadlines.review;
  return page(
    '维护民警执法权威申请不予受理告知书',
    `案件编号：${escapeHtml(c.reference)}`,
    `${to}<p>${received}经审查，根据《赣县区公安局维护民警执法权威工作实施办法》第十四条之规定，决定不予受理。理由如下：</p>
<p>${escapeHtml(c.refusalReasons ?? '')}</p>
<p>如对本决定不服，可以自收到本告知书之日起10个工作日内${review ? `（按国家法定工作日计算，即${zhDate(review.due)}前）` : ''}，向上一级公安机关维权机构申请复核（第十五条）。</p>
<p>特此告知。</p>`,
    c.decidedAt,
  );
}

/** 第十六条: 调查结论及处理情况反馈书. */
export function feedbackDocument(c: Case, text: string, givenAt: string): string {
  return page(
    '维护民警执法权威调查结论及处理情况反馈书',
    `案件编号：${escapeHtml(c.reference)}`,
    `<p class="to">${escapeHtml(applicantName(c))}：</p>
<p>你（单位）于${zhDate(c.receivedOn)}提出、本委于${zhDate(c.decidedAt ?? givenAt)}受理的维护民警执法权威申请，经调查，现将调查结论及处理情况反馈如下：</p>
${text
  .split(/\n+/)
  .filter((l) => l.trim())
  .map((l) => `<p>${escapeHtml(l.trim())}</p>`)
  .join('\n')}
<p>如对处理情况不满意或认为执法权威没有得到有效保护的，可以向上一级维权机构申请复查（第十七条）。</p>`,
    givenAt,
  );
}
