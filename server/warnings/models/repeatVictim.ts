import type { Finding, WarningModelFn } from '../finding';
import { iso, since } from '../finding';

interface Matter {
  kind: 'incident' | 'case';
  id: string;
  reference: string;
  at: Date;
  userIds: string[];
}

/**
 * 多次遭受执法侵害民警和单位 (seed 003): an officer, or the organisation unit (派出所, 大队) the
 * officers belong to, infringed `count` times or more within `windowDays`. A matter is an
 * incident, or a case not opened from one (a smear, a false accusation); a case of an incident
 * counts once with its incident. Clears itself when the window slides below the count; after a
 * person resolves it, a new infringement fires it again.
 */
export const repeatVictim: WarningModelFn = async ({ db, settings, now }) => {
  const { count, windowDays } = settings.repeatVictim;
  const from = since(now, windowDays);
  const incidents = await db
    .selectFrom('incidents')
    .select(['id', 'reference', 'occurred_at', 'officers'])
    .where('occurred_at', '>=', from)
    .where('status', 'not in', ['cancelled', 'false_alarm'])
    .execute();
  const matters: Matter[] = incidents.map((i) => ({
    kind: 'incident',
    id: i.id,
    reference: i.reference,
    at: new Date(i.occurred_at),
    userIds: (i.officers as Array<{ userId?: string }>).flatMap((o) => (o.userId ? [o.userId] : [])),
  }));
  const cases = await db
    .selectFrom('cases')
    .innerJoin('case_officers', 'case_officers.case_id', 'cases.id')
    .select(['cases.id', 'cases.reference', 'cases.received_at', 'case_officers.user_id'])
    .where('cases.incident_id', 'is', null)
    .where('cases.received_at', '>=', from)
    .where('case_officers.user_id', 'is not', null)
    .execute();
  const caseMatters = new Map<string, Matter>();
  for (const c of cases) {
    const m = caseMatters.get(c.id) ?? {
      kind: 'case' as const,
      id: c.id,
      reference: c.reference,
      at: new Date(c.received_at),
      userIds: [],
    };
    if (c.user_id) m.userIds.push(c.user_id);
    caseMatters.set(c.id, m);
  }
  matters.push(...caseMatters.values());

  const allUsers = [...new Set(matters.flatMap((m) => m.userIds))];
  if (!allUsers.length) return [];
  const users = await db
    .selectFrom('users')
    .leftJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select(['users.id', 'users.display_name', 'users.org_unit_id', 'org_units.name as orgName'])
    .where('users.id', 'in', allUsers)
    .execute();
  const userById = new Map(users.map((u) => [u.id, u]));

  const byOfficer = new Map<string, Matter[]>();
  const byUnit = new Map<string, Matter[]>();
  for (const m of matters) {
    const units = new Set<string>();
    for (const userId of new Set(m.userIds)) {
      byOfficer.set(userId, [...(byOfficer.get(userId) ?? []), m]);
      const org = userById.get(userId)?.org_unit_id;
      if (org) units.add(org);
    }
    for (const org of units) byUnit.set(org, [...(byUnit.get(org) ?? []), m]);
  }

  const findings: Finding[] = [];
  const emit = (kind: 'officer' | 'unit', id: string, label: string | null, list: Matter[]) => {
    if (list.length < count) return;
    const sorted = [...list].sort((a, b) => a.at.getTime() - b.at.getTime());
    const newest = sorted[sorted.length - 1] as Matter;
    findings.push({
      model: 'repeat_victim',
      subject: `${kind}:${id}`,
      fingerprint: `${newest.kind}:${newest.id}`,
      evidence: {
        reason: kind === 'officer' ? 'officer_repeatedly_infringed' : 'unit_repeatedly_infringed',
        article: '第三十五条',
        facts: {
          name: label,
          times: sorted.length,
          thresholdTimes: count,
          windowDays,
          firstAt: iso((sorted[0] as Matter).at),
          latestAt: iso(newest.at),
        },
      },
      refs: [{ kind, id, label }, ...sorted.map((m) => ({ kind: m.kind, id: m.id, label: m.reference }))],
    });
  };
  for (const [userId, list] of byOfficer)
    emit('officer', userId, userById.get(userId)?.display_name ?? null, list);
  for (const [org, list] of byUnit) {
    const name = users.find((u) => u.org_unit_id === org)?.orgName ?? null;
    emit('unit', org, name, list);
  }
  return findings;
};
