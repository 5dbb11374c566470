/** 预警 (第三十五条 预警防范; 第三十六条 追责情形): the warnings panel's words. */
export const warningsZh = {
  warnings: {
    title: '预警',
    activeCount: '{{count}} 条待处理',
    loading: '正在加载预警…',
    loadError: '预警加载失败',
    empty: '当前无预警',
    showingLastGood: '显示的是上次成功加载的内容',
    fired: '触发 {{time}}',
    article: '依据 {{article}}',
    acknowledge: '认领',
    resolve: '办结',
    acknowledgedBy: '已认领：{{note}}',
    notePrompt: '处理说明（必填）',
    noteRequired: '请填写处理说明',
    submitAcknowledge: '确认认领',
    submitResolve: '确认办结',
    cancel: '取消',
    actionFailed: '操作失败',
    missing: '—',
    correctedReason: '，理由：{{reason}}',
  },
  warningModel: {
    unfiled_obstruction: '阻碍执法警情未立案',
    suspected_downgrade: '疑似降格处理',
    repeat_victim: '多次遭受侵害',
    deadline_due: '期限将至',
    deadline_overdue: '案件超期',
    slow_response: '响应迟缓',
  },
  warningStatus: {
    active: '待处理',
    acknowledged: '已认领',
    resolved: '已办结',
    cleared: '已消除',
  },
  warningRefKind: {
    incident: '警情',
    case: '案件',
    task: '任务',
    officer: '民警',
    unit: '单位',
  },
  warningReason: {
    no_case_after_hours:
      '警情 {{reference}} 报警已 {{hoursWithoutCase}} 小时仍未立维权案件（阈值 {{thresholdHours}} 小时）',
    violent_incident_administrative_track:
      '暴力类警情 {{reference}}（{{category}}）处置建议被改为行政处罚{{correction}}',
    case_offender_administrative: '暴力类案件 {{reference}}（{{category}}）对侵权人仅作行政处理',
    case_offender_not_handled: '暴力类案件 {{reference}}（{{category}}）登记为不处理侵权人',
    case_concluded_without_handling:
      '暴力类案件 {{reference}}（{{category}}）已反馈/办结，未记录对侵权人的处理',
    officer_repeatedly_infringed:
      '民警 {{name}} 在 {{windowDays}} 天内遭受侵害 {{times}} 次（阈值 {{thresholdTimes}} 次）',
    unit_repeatedly_infringed:
      '单位 {{name}} 在 {{windowDays}} 天内遭受侵害 {{times}} 次（阈值 {{thresholdTimes}} 次）',
    acceptance_deadline_due: '案件 {{reference}} 受理决定期限 {{due}}，还剩 {{daysLeft}} 天',
    acceptance_deadline_overdue: '案件 {{reference}} 受理决定期限 {{due}}，已超期 {{daysOver}} 天',
    feedback_deadline_due: '案件 {{reference}} 书面反馈期限 {{due}}，还剩 {{daysLeft}} 天',
    feedback_deadline_overdue: '案件 {{reference}} 书面反馈期限 {{due}}，已超期 {{daysOver}} 天',
    late_ack: '警情 {{reference}} 报警后 {{seconds}} 秒才签收（目标 {{targetSeconds}} 秒）',
    late_dispatch: '警情 {{reference}} 报警后 {{seconds}} 秒才派警（目标 {{targetSeconds}} 秒）',
    late_report: '警情 {{reference}} 发生 {{minutes}} 分钟后才报告（目标 {{targetMinutes}} 分钟）',
    late_aftercare:
      '警情 {{reference}} 的{{taskKind}}任务 {{minutes}} 分钟后才启动（目标 {{targetMinutes}} 分钟）',
    aftercare_not_started:
      '警情 {{reference}} 的{{taskKind}}任务已 {{minutes}} 分钟未启动（目标 {{targetMinutes}} 分钟）',
    unknown: '预警依据：{{reason}}',
  },
};
