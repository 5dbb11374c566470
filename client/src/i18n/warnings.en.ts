import type { Widen } from './types';
import type { warningsZh } from './warnings.zh-CN';

export const warningsEn: Widen<typeof warningsZh> = {
  warnings: {
    title: 'Early warnings',
    activeCount: '{{count}} to handle',
    loading: 'Loading warnings…',
    loadError: 'Warnings could not be loaded',
    empty: 'No warnings',
    showingLastGood: 'showing the last good answer',
    fired: 'fired {{time}}',
    article: 'per {{article}}',
    acknowledge: 'Acknowledge',
    resolve: 'Resolve',
    acknowledgedBy: 'Acknowledged: {{note}}',
    notePrompt: 'Note (required)',
    noteRequired: 'A note is required',
    submitAcknowledge: 'Acknowledge',
    submitResolve: 'Resolve',
    cancel: 'Cancel',
    actionFailed: 'Action failed',
    missing: '—',
    correctedReason: ', reason: {{reason}}',
  },
  warningModel: {
    unfiled_obstruction: 'Obstruction not filed',
    suspected_downgrade: 'Suspected downgrade',
    repeat_victim: 'Repeat victim',
    deadline_due: 'Deadline due',
    deadline_overdue: 'Case overdue',
    slow_response: 'Slow response',
  },
  warningStatus: {
    active: 'To handle',
    acknowledged: 'Acknowledged',
    resolved: 'Resolved',
    cleared: 'Cleared',
  },
  warningRefKind: {
    incident: 'Incident',
    case: 'Case',
    task: 'Task',
    officer: 'Officer',
    unit: 'Unit',
  },
  warningReason: {
    no_case_after_hours:
      'Incident {{reference}}: no protection case {{hoursWithoutCase}} h after the alert (threshold {{thresholdHours}} h)',
    violent_incident_administrative_track:
      'Violent incident {{reference}} ({{category}}): handling changed to administrative{{correction}}',
    case_offender_administrative:
      'Violent case {{reference}} ({{category}}): offender handled only administratively',
    case_offender_not_handled: 'Violent case {{reference}} ({{category}}): offender recorded as not handled',
    case_concluded_without_handling:
      'Violent case {{reference}} ({{category}}) concluded with no offender handling recorded',
    officer_repeatedly_infringed:
      'Officer {{name}} infringed {{times}} times in {{windowDays}} days (threshold {{thresholdTimes}})',
    unit_repeatedly_infringed:
      'Unit {{name}} infringed {{times}} times in {{windowDays}} days (threshold {{thresholdTimes}})',
    acceptance_deadline_due: 'Case {{reference}}: acceptance decision due {{due}}, {{daysLeft}} day(s) left',
    acceptance_deadline_overdue:
      'Case {{reference}}: acceptance decision due {{due}}, {{daysOver}} day(s) overdue',
    feedback_deadline_due: 'Case {{reference}}: written feedback due {{due}}, {{daysLeft}} day(s) left',
    feedback_deadline_overdue:
      'Case {{reference}}: written feedback due {{due}}, {{daysOver}} day(s) overdue',
    late_ack:
      'Incident {{reference}} acknowledged {{seconds}} s after the alert (target {{targetSeconds}} s)',
    late_dispatch:
      'Incident {{reference}}: first unit sent {{seconds}} s after the alert (target {{targetSeconds}} s)',
    late_report:
      'Incident {{reference}} reported {{minutes}} min after it occurred (target {{targetMinutes}} min)',
    late_aftercare:
      'Incident {{reference}}: {{taskKind}} task started after {{minutes}} min (target {{targetMinutes}} min)',
    aftercare_not_started:
      'Incident {{reference}}: {{taskKind}} task not started for {{minutes}} min (target {{targetMinutes}} min)',
    unknown: 'Warning: {{reason}}',
  },
};
