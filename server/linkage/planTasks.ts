import type {
  HandlingPolicy,
  LinkageCondition,
  LinkageFacts,
  LinkageRule,
  PlannedTask,
} from '@shared/domain/linkageRule';
import type { HandlingSuggestion } from '@shared/domain/task';

function holds(condition: LinkageCondition, facts: LinkageFacts): boolean {
  if (condition.categories && !condition.categories.includes(facts.category)) return false;
  if (condition.injured !== undefined && condition.injured !== facts.injured) return false;
  if (condition.vehicleInvolved !== undefined && condition.vehicleInvolved !== facts.vehicleInvolved)
    return false;
  if (condition.onRoad !== undefined && condition.onRoad !== facts.onRoad) return false;
  if (condition.ongoing !== undefined && condition.ongoing !== facts.ongoing) return false;
  if (condition.hasContentUrls !== undefined && condition.hasContentUrls !== facts.contentUrls.length > 0)
    return false;
  return true;
}

export function handlingFor(policy: HandlingPolicy, facts: LinkageFacts): HandlingSuggestion {
  const violent = policy.violentCategories.includes(facts.category);
  return {
    track: violent ? 'criminal' : 'administrative',
    basis: violent ? policy.criminal.basis : policy.administrative.basis,
    article: policy.article,
  };
}

/**
 * The tasks an alert calls for under a rule set, one per (department, kind): the first rule
 * that asks for a pair decides its article and deadline, so rule order is priority order.
 * Pure, so the preview endpoint and the worker cannot disagree.
 */
export function planTasks(
  rules: readonly LinkageRule[],
  handling: HandlingPolicy,
  facts: LinkageFacts,
  deadlineCapS?: number,
): PlannedTask[] {
  const planned = new Map<string, PlannedTask>();
  for (const rule of rules) {
    if (!rule.when.some((c) => holds(c, facts))) continue;
    for (const spec of rule.tasks) {
      const key = `${spec.departmentId}/${spec.kind}`;
      if (planned.has(key)) continue;
      planned.set(key, {
        departmentId: spec.departmentId,
        kind: spec.kind,
        article: rule.article,
        ruleId: rule.id,
        ackDeadlineS: deadlineCapS ? Math.min(spec.ackDeadlineS, deadlineCapS) : spec.ackDeadlineS,
        restricted: spec.restricted,
        ...(spec.handlingSuggestion ? { handling: handlingFor(handling, facts) } : {}),
      });
    }
  }
  return [...planned.values()];
}
