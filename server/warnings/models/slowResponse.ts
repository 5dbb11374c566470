import { ON_SCENE_CATEGORIES } from '@shared/domain/category';
import type { Finding, WarningModelFn } from '../finding';
import { iso, since } from '../finding';

const AFTERCARE_KINDS = ['green_channel', 'comfort'] as const;

/**
 * Late at some step the measures want done at once: an alert acknowledged or first dispatched
 * later than the centre's target (第十三条 指挥中心…立即调派警力; 第三十六条(一) 指挥错误), an
 * incident reported long after it occurred (第十三条 立即报告; 第三十六条(二) 不按要求报告), aftercare
 * — the green channel, comfort — taken up late or not yet (第三十六条(三) 不及时采取善后救助措施).
 * Lateness is a fact once it happened: these never clear themselves.
 */
export const slowResponse: WarningModelFn = async ({ db, settings, now }) => {
  const t = settings.slowResponse;
  const from = since(now, settings.lookbackDays);
  const incidents = await db
    .selectFrom('incidents')
    .select(['id', 'reference', 'category', 'source', 'occurred_at', 'raised_at', 'acknowledged_at'])
    .select((eb) =>
      eb
        .selectFrom('assignments')
        .select((a) => a.fn.min('assignments.dispatched_at').as('first'))
        .whereRef('assignments.incident_id', '=', 'incidents.id')
        .as('first_dispatched_at'),
    )
    .where('raised_at', '>=', from)
    .where('source', '!=', 'application')
    .where('status', 'not in', ['cancelled', 'false_alarm'])
    .execute();
  const findings: Finding[] = [];
  const add = (
    i: { id: string; reference: string },
    step: string,
    article: string,
    facts: Record<string, string | number | null>,
  ) =>
    findings.push({
      model: 'slow_response',
      subject: `incident:${i.id}:${step}`,
      fingerprint: step,
      evidence: { reason: `late_${step}`, article, facts: { reference: i.reference, ...facts } },
      refs: [{ kind: 'incident', id: i.id, label: i.reference }],
    });
  for (const i of incidents) {
    const raised = new Date(i.raised_at).getTime();
    if (i.acknowledged_at) {
      const s = Math.round((new Date(i.acknowledged_at).getTime() - raised) / 1000);
      if (s > t.ackTargetS)
        add(i, 'ack', '第十三条、第三十六条(一)', {
          raisedAt: iso(i.raised_at),
          acknowledgedAt: iso(i.acknowledged_at),
          seconds: s,
          targetSeconds: t.ackTargetS,
        });
    }
    if (i.first_dispatched_at && ON_SCENE_CATEGORIES.has(i.category as never)) {
      const s = Math.round((new Date(i.first_dispatched_at).getTime() - raised) / 1000);
      if (s > t.dispatchTargetS)
        add(i, 'dispatch', '第十三条、第三十六条(一)', {
          raisedAt: iso(i.raised_at),
          dispatchedAt: iso(i.first_dispatched_at),
          seconds: s,
          targetSeconds: t.dispatchTargetS,
        });
    }
    const reportMin = Math.round((raised - new Date(i.occurred_at).getTime()) / 60_000);
    if (reportMin > t.reportTargetMinutes)
      add(i, 'report', '第十三条、第三十六条(二)', {
        occurredAt: iso(i.occurred_at),
        raisedAt: iso(i.raised_at),
        minutes: reportMin,
        targetMinutes: t.reportTargetMinutes,
      });
  }

  const tasks = await db
    .selectFrom('department_tasks as t')
    .innerJoin('incidents as i', 'i.id', 't.incident_id')
    .select([
      't.id',
      't.kind',
      't.department_id',
      't.created_at',
      't.acknowledged_at',
      'i.id as incidentId',
      'i.reference',
    ])
    .where('t.kind', 'in', AFTERCARE_KINDS)
    .where('t.status', '!=', 'stood_down')
    .where('t.created_at', '>=', from)
    .execute();
  for (const task of tasks) {
    const startedAt = task.acknowledged_at ? new Date(task.acknowledged_at) : null;
    const minutes = Math.round(((startedAt ?? now).getTime() - new Date(task.created_at).getTime()) / 60_000);
    if (minutes <= t.aftercareTargetMinutes) continue;
    findings.push({
      model: 'slow_response',
      subject: `task:${task.id}`,
      fingerprint: 'aftercare',
      evidence: {
        reason: startedAt ? 'late_aftercare' : 'aftercare_not_started',
        article: '第三十六条(三)',
        facts: {
          reference: task.reference,
          taskKind: task.kind,
          department: task.department_id,
          createdAt: iso(task.created_at),
          startedAt: startedAt ? iso(startedAt) : null,
          minutes,
          targetMinutes: t.aftercareTargetMinutes,
        },
      },
      refs: [
        { kind: 'incident', id: task.incidentId, label: task.reference },
        { kind: 'task', id: task.id, label: task.kind },
      ],
    });
  }
  return findings;
};
