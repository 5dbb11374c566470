import { type Deadline, daysUntil, deadlineState } from '@shared/domain/caseDeadline';
import { useTranslation } from 'react-i18next';

/** A deadline counting down in days: amber when due soon, red once passed; the basis shown when it is an estimate. */
export function CaseDeadlineBadge({
  deadline,
  today,
  label,
}: {
  deadline: Deadline;
  today: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const state = deadlineState(deadline.due, today);
  const left = daysUntil(deadline.due, today);
  const text =
    left < 0
      ? t('cases.overdueBy', { count: -left })
      : left === 0
        ? t('cases.dueToday')
        : t('cases.daysLeft', { count: left });
  return (
    <span
      className={`case-dl case-dl-${state}`}
      data-testid="case-deadline"
      data-state={state}
      data-basis={deadline.basis}
      title={`${label ? `${label}: ` : ''}${t('cases.due', { date: deadline.due })} · ${t(`caseBasis.${deadline.basis}`)}`}
    >
      {text}
      {deadline.basis === 'weekdays_fallback' && (
        <span className="case-dl-warn"> ⚠ {t('caseBasis.weekdays_fallback')}</span>
      )}
    </span>
  );
}
