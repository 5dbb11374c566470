import type { Finding, WarningModelFn } from '../finding';
import { iso, since } from '../finding';

const ARTICLE = '第二十一条、第三十六条(六)';

/**
 * 维权案件疑似降格处理 (seed 003; 第三十六条(六) 降格处理): a violent-category matter whose
 * offender is handled only administratively — the 第二十一条 suggestion on the incident's task
 * corrected to the administrative track, or the case's recorded offender handling administrative
 * or none — or a case that concluded (feedback given, closed) with no offender handling at all.
 * Clears itself when the handling is put right.
 */
export const suspectedDowngrade: WarningModelFn = async ({ db, settings, now }) => {
  const violent = settings.suspectedDowngrade.violentCategories;
  const findings: Finding[] = [];

  const tasks = await db
    .selectFrom('department_tasks as t')
    .innerJoin('incidents as i', 'i.id', 't.incident_id')
    .select([
      't.id as taskId',
      't.handling',
      't.department_id',
      'i.id as incidentId',
      'i.reference',
      'i.category',
    ])
    .where('i.category', 'in', violent)
    .where('i.status', 'not in', ['cancelled', 'false_alarm'])
    .where('i.raised_at', '>=', since(now, settings.lookbackDays))
    .where('t.handling', 'is not', null)
    .where('t.status', '!=', 'stood_down')
    .execute();
  for (const t of tasks) {
    const handling = t.handling as { track?: string; correctedBy?: string; reason?: string } | null;
    if (handling?.track !== 'administrative') continue;
    findings.push({
      model: 'suspected_downgrade',
      subject: `incident:${t.incidentId}`,
      fingerprint: `task_administrative:${t.taskId}`,
      evidence: {
        reason: 'violent_incident_administrative_track',
        article: ARTICLE,
        facts: {
          reference: t.reference,
          category: t.category,
          track: 'administrative',
          correctedBy: handling.correctedBy ?? null,
          correctionReason: handling.reason ?? null,
        },
      },
      refs: [
        { kind: 'incident', id: t.incidentId, label: t.reference },
        { kind: 'task', id: t.taskId, label: t.department_id },
      ],
    });
  }

  const cases = await db
    .selectFrom('cases')
    .select(['id', 'reference', 'category', 'status', 'incident_id', 'feedback_given_at'])
    .where('category', 'in', violent)
    .where('status', 'in', ['accepted', 'feedback_given', 'reexamination_requested', 'closed'])
    .execute();
  if (!cases.length) return findings;
  const handlings = await db
    .selectFrom('case_remedies')
    .select(['case_id', 'details', 'at'])
    .where('kind', '=', 'offender_handling')
    .where(
      'case_id',
      'in',
      cases.map((c) => c.id),
    )
    .orderBy('at')
    .execute();
  const latest = new Map<string, { track?: string; at: Date }>();
  for (const h of handlings)
    latest.set(h.case_id, { track: (h.details as { track?: string }).track, at: new Date(h.at) });
  for (const c of cases) {
    const h = latest.get(c.id);
    const refs = [
      { kind: 'case' as const, id: c.id, label: c.reference },
      ...(c.incident_id ? [{ kind: 'incident' as const, id: c.incident_id, label: null }] : []),
    ];
    const concluded = c.status === 'feedback_given' || c.status === 'closed';
    let reason: string | null = null;
    if (h?.track === 'administrative') reason = 'case_offender_administrative';
    else if (h?.track === 'none') reason = 'case_offender_not_handled';
    else if (!h && concluded) reason = 'case_concluded_without_handling';
    if (!reason) continue;
    findings.push({
      model: 'suspected_downgrade',
      subject: `case:${c.id}`,
      fingerprint: `${reason}:${h ? iso(h.at) : c.status}`,
      evidence: {
        reason,
        article: ARTICLE,
        facts: {
          reference: c.reference,
          category: c.category,
          caseStatus: c.status,
          track: h?.track ?? null,
          handlingRecordedAt: h ? iso(h.at) : null,
          feedbackGivenAt: c.feedback_given_at ? iso(c.feedback_given_at) : null,
        },
      },
      refs,
    });
  }
  return findings;
};
