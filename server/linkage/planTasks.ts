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
  if (condition.mediaAttention !== undefined && condition.mediaAttention !== facts.mediaAttention)
    return false;
  if ((condition.application ?? false) !== facts.application) return false;
  return true;
}

const GROUND: Record<string, string> = {
  violent_attack: '暴力袭击民警',
  vehicle_ramming: '驾驶车辆冲撞、拖拽民警',
  physical_harm: '撕咬、拉扯、推搡等侵害',
  mob_obstruction: '聚众哄闹、围堵拦截',
};

/**
 * 第二十一条, chosen by what happened rather than by the category alone: violence against the
 * officer (a violent category, an officer injured, a vehicle used against them) is the criminal
 * track, and names 袭警罪 beside 妨害公务罪; obstruction without violence (哄闹、谩骂、无理纠缠)
 * is the administrative track. A mob that injured an officer is violence; a scrape-free crowd is not.
 */
export function handlingFor(policy: HandlingPolicy, facts: LinkageFacts): HandlingSuggestion {
  const grounds: string[] = [];
  if (policy.violentCategories.includes(facts.category))
    grounds.push(GROUND[facts.category] ?? facts.category);
  if (facts.injured) grounds.push('民警受伤');
  if (facts.vehicleInvolved && facts.category !== 'vehicle_ramming') grounds.push('涉及车辆');
  if (grounds.length) {
    const basis = policy.assaultOnPolice
      ? `${policy.assaultOnPolice.basis}；${policy.criminal.basis}`
      : policy.criminal.basis;
    return { track: 'criminal', basis, article: policy.article, grounds };
  }
  if (facts.category === 'mob_obstruction') grounds.push(GROUND.mob_obstruction ?? '');
  else grounds.push('未见暴力');
  return { track: 'administrative', basis: policy.administrative.basis, article: policy.article, grounds };
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
        route: spec.route,
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
