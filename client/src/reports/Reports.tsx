import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The charting library loads with the reports, not with the console a dispatcher needs at once.
const ReportView = lazy(() => import('./ReportView'));

export function Reports() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="state-msg state-loading">{t('reports.loading')}</p>}>
      <ReportView />
    </Suspense>
  );
}
