import { CLOSE_OUTCOMES } from '@shared/api/dispatch';
import { InfringementCategory } from '@shared/domain/category';
import { DepartmentId } from '@shared/domain/department';
import { AlertSource, UnackedStep } from '@shared/domain/incident';
import { IncidentStatus } from '@shared/domain/incidentStatus';
import { HandlingTrack, TaskEscalationStep, TaskKind } from '@shared/domain/task';
import {
  LinkageReason,
  SystemComponent,
  TIMELINE_DETAIL_KEYS,
  TIMELINE_SPECIAL_KEYS,
  type TimelineDetailKey,
  type TimelineKind,
} from '@shared/domain/timeline';
import type { Unit } from '@shared/domain/unit';
import type { TFunction } from 'i18next';
import { formatDateTime, shortId } from '../format';

export interface TimelineTextContext {
  t: TFunction;
  lang: string;
  units: ReadonlyMap<string, Unit>;
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** "user:3f2a…" → "user:3f2a1b0c": actors and details name records by id; keep them short. */
export function shortenIds(text: string, units: ReadonlyMap<string, Unit>): string {
  return text.replace(UUID_RE, (id) => units.get(id)?.callSign ?? shortId(id));
}

/** Who wrote an entry, in words: "系统·部门联动", a unit's call sign, a short user id. */
export function actorText(actor: string, units: ReadonlyMap<string, Unit>, t: TFunction): string {
  const [kind, rest = ''] = actor.split(/:(.*)/s);
  if (kind === 'system') {
    const component = SystemComponent.safeParse(rest);
    if (component.success)
      return t('timelineActor.system', { component: t(`systemComponent.${component.data}`) });
  }
  if (kind === 'user' || kind === 'device')
    return t(`timelineActor.${kind}`, { id: shortenIds(rest, units) });
  if (actor === 'anonymous') return t('timelineActor.anonymous');
  return shortenIds(actor, units);
}

export function timelineKindLabel(kind: TimelineKind, t: TFunction): string {
  return t(`timelineKind.${kind}`);
}

const DETAIL_KEYS: ReadonlySet<string> = new Set(TIMELINE_DETAIL_KEYS);
const isDetailKey = (k: string): k is TimelineDetailKey => DETAIL_KEYS.has(k);
const SPECIAL_KEYS: ReadonlySet<string> = new Set(TIMELINE_SPECIAL_KEYS);

/** "from → to" when an entry moved an incident's status or a task's handling track. */
export function transitionText(from: unknown, to: unknown, t: TFunction): string | null {
  if (from === to) return null;
  const status = (v: unknown) => IncidentStatus.safeParse(v);
  const a = status(from);
  const b = status(to);
  if (a.success && b.success) return `${t(`incidentStatus.${a.data}`)} → ${t(`incidentStatus.${b.data}`)}`;
  const x = HandlingTrack.safeParse(from);
  const y = HandlingTrack.safeParse(to);
  if (x.success && y.success) return `${t(`tasks.${x.data}`)} → ${t(`tasks.${y.data}`)}`;
  return null;
}

/** One planned task of a linkage entry: "网安大队 · 网络证据固定（第十三条）". */
function taskSummary(value: unknown, t: TFunction): string | null {
  if (!value || typeof value !== 'object') return null;
  const { departmentId, kind, article } = value as Record<string, unknown>;
  const dept = DepartmentId.safeParse(departmentId);
  const task = TaskKind.safeParse(kind);
  const parts = [
    dept.success ? t(`department.${dept.data}`) : null,
    task.success ? t(`taskKind.${task.data}`) : null,
  ].filter((p): p is string => p !== null);
  if (!parts.length) return null;
  return `${parts.join(' · ')}${typeof article === 'string' ? `（${article}）` : ''}`;
}

/** A value in words: ids become call signs, enum values their labels, times local. */
function describeValue(key: string, value: unknown, ctx: TimelineTextContext): string | null {
  const { t, lang, units } = ctx;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => describeValue(key, v, ctx)).filter((v): v is string => v !== null);
    return parts.length ? parts.join('、') : t('timelineValue.none');
  }
  if (typeof value === 'boolean') return t(value ? 'timelineValue.yes' : 'timelineValue.no');
  if (typeof value === 'number') return key === 'priority' ? `P${value}` : String(value);
  if (typeof value === 'object') {
    if (key === 'tasks' || key === 'reopened' || key === 'stoodDown' || key === 'revised')
      return taskSummary(value, t);
    if (key === 'changes') return changesText(value as Record<string, unknown>, ctx);
    return null;
  }
  if (typeof value !== 'string') return null;
  const enumLabel = (() => {
    switch (key) {
      case 'source':
        return AlertSource.safeParse(value).success ? t(`source.${value as AlertSource}`) : null;
      case 'category':
      case 'previousCategory':
        return InfringementCategory.safeParse(value).success
          ? t(`categoryShort.${value as InfringementCategory}`)
          : null;
      case 'outcome':
        return (CLOSE_OUTCOMES as readonly string[]).includes(value)
          ? t(`outcome.${value as (typeof CLOSE_OUTCOMES)[number]}`)
          : null;
      case 'step':
        if (UnackedStep.safeParse(value).success) return t(`unackedStep.${value as UnackedStep}`);
        return TaskEscalationStep.safeParse(value).success
          ? t(`taskEscalationStep.${value as TaskEscalationStep}`)
          : null;
      case 'departments':
      case 'departmentId':
        return DepartmentId.safeParse(value).success ? t(`department.${value as DepartmentId}`) : null;
      case 'task':
        return TaskKind.safeParse(value).success ? t(`taskKind.${value as TaskKind}`) : null;
      case 'reason':
        return LinkageReason.safeParse(value).success ? t(`linkageReason.${value as LinkageReason}`) : null;
      case 'sha256':
        return `${value.slice(0, 16)}…`;
      default:
        return null;
    }
  })();
  if (enumLabel) return enumLabel;
  if (/At$/.test(key) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, lang);
  return shortenIds(value, units);
}

/** A facts correction: "类别：殴打 → 辱骂；有人受伤：否 → 是". */
function changesText(changes: Record<string, unknown>, ctx: TimelineTextContext): string | null {
  const parts = Object.entries(changes).map(([fact, change]) => {
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
    const label = isDetailKey(fact) ? ctx.t(`timelineDetail.${fact}`) : fact;
    const before = describeValue(fact, from, ctx) ?? ctx.t('timelineValue.none');
    const after = describeValue(fact, to, ctx) ?? ctx.t('timelineValue.none');
    return `${label}：${before} → ${after}`;
  });
  return parts.length ? parts.join('；') : null;
}

export interface DetailLine {
  key: string;
  label: string;
  value: string;
}

/**
 * The details of a timeline entry as labelled lines. The entry's text and status change are
 * shown apart; record ids that mean nothing to a dispatcher are left out. A key the server wrote
 * without a label keeps its raw name, so the gap is seen (and the timeline e2e test fails).
 */
export function describeDetails(details: Record<string, unknown>, ctx: TimelineTextContext): DetailLine[] {
  const lines: DetailLine[] = [];
  for (const [key, raw] of Object.entries(details)) {
    if (SPECIAL_KEYS.has(key)) continue;
    const value = describeValue(key, raw, ctx);
    if (value === null) continue;
    lines.push({ key, label: isDetailKey(key) ? ctx.t(`timelineDetail.${key}`) : key, value });
  }
  return lines;
}
