import type { Finding, WarningModelFn } from '../finding';
import { iso, since } from '../finding';

/**
 * 阻碍民警执法警情未立案 (seed 003, Ningbo): an obstruction or assault incident with no
 * rights-protection case (第十三条: the command center notifies 维权办, which runs the case)
 * after the configured hours. Clears itself once a case is opened for the incident.
 */
export const unfiledObstruction: WarningModelFn = async ({ db, settings, now }) => {
  const { afterHours, categories } = settings.unfiledObstruction;
  const cutoff = new Date(now.getTime() - afterHours * 3_600_000);
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'reference', 'category', 'raised_at', 'status'])
    .where('category', 'in', categories)
    .where('status', 'not in', ['cancelled', 'false_alarm'])
    .where('raised_at', '<=', cutoff)
    .where('raised_at', '>=', since(now, settings.lookbackDays))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('cases').select('cases.id').whereRef('cases.incident_id', '=', 'incidents.id'))),
    )
    .execute();
  return rows.map(
    (r): Finding => ({
      model: 'unfiled_obstruction',
      subject: `incident:${r.id}`,
      fingerprint: 'unfiled',
      evidence: {
        reason: 'no_case_after_hours',
        article: '第十三条、第三十五条',
        facts: {
          reference: r.reference,
          category: r.category,
          status: r.status,
          raisedAt: iso(r.raised_at),
          hoursWithoutCase: Math.floor((now.getTime() - new Date(r.raised_at).getTime()) / 3_600_000),
          thresholdHours: afterHours,
        },
      },
      refs: [{ kind: 'incident', id: r.id, label: r.reference }],
    }),
  );
};
