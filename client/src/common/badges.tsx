import type { InfringementCategory } from '@shared/domain/category';
import type { IncidentStatus } from '@shared/domain/incidentStatus';
import type { Priority } from '@shared/domain/priority';
import type { UnitStatus } from '@shared/domain/unit';
import { useTranslation } from 'react-i18next';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  const key = String(priority) as '1' | '2' | '3' | '4';
  return (
    <span className={`badge badge-prio prio-${priority}`} title={`${t('incident.priority')} ${priority}`}>
      {t('incident.priorityBadge', { priority })} {t(`priority.${key}`)}
    </span>
  );
}

export function CategoryBadge({
  category,
  long = false,
}: {
  category: InfringementCategory;
  long?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <span className="badge badge-cat" title={t(`category.${category}`)}>
      <span className="cat-glyph" aria-hidden="true">
        {t(`categoryGlyph.${category}`)}
      </span>
      {long ? t(`category.${category}`) : t(`categoryShort.${category}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status status-${status}`}>{t(`incidentStatus.${status}`)}</span>;
}

export function UnitStatusDot({ status }: { status: UnitStatus }) {
  return <span className={`unit-dot ustatus-${status}`} aria-hidden="true" />;
}
