import { OPEN_WARNING_STATUSES, type Warning } from '@shared/domain/warning';
import type { WarningChangeEvent } from '@shared/events/socketEvents';

/** Open warnings, newest first: a live change replaces its warning or, once ended, removes it. */
export function applyWarningChange(list: readonly Warning[], change: WarningChangeEvent): Warning[] {
  const rest = list.filter((w) => w.id !== change.warning.id);
  if (!OPEN_WARNING_STATUSES.includes(change.warning.status)) return rest;
  return sortWarnings([...rest, change.warning]);
}

/** Active before acknowledged (the ones nobody has taken yet), then newest first. */
export function sortWarnings(list: readonly Warning[]): Warning[] {
  return [...list].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
    return b.firedAt.localeCompare(a.firedAt);
  });
}

/** The i18n key of a warning's one-line summary; the deadline models share reasons and differ by model. */
export function summaryKey(w: Warning): string {
  const { reason } = w.evidence;
  if (w.model === 'deadline_due') return `warningReason.${reason}_due`;
  if (w.model === 'deadline_overdue') return `warningReason.${reason}_overdue`;
  return `warningReason.${reason}`;
}

/** The facts as interpolation values; a fact not recorded shows as missing, never as a made-up value. */
export function summaryValues(w: Warning, missing: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w.evidence.facts))
    out[k] = v === null ? missing : (v as string | number);
  const left = w.evidence.facts.daysLeft;
  if (typeof left === 'number') out.daysOver = -left;
  return out;
}
