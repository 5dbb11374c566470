import { TIMELINE_DETAIL_KEYS, TIMELINE_KINDS } from '@shared/domain/timeline';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { actorText, describeDetails, timelineKindLabel, transitionText } from './timelineText';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');
const ctx = { t: zh, lang: 'zh-CN', units: new Map() };

describe('the timeline in words', () => {
  it('labels every kind in both languages', () => {
    for (const kind of TIMELINE_KINDS) {
      expect(timelineKindLabel(kind, zh)).not.toBe(kind);
      expect(timelineKindLabel(kind, en)).not.toBe(kind);
    }
    expect(timelineKindLabel('reassigned', zh)).toBe('改派单位');
    expect(timelineKindLabel('task_acknowledged', en)).toBe('Task acknowledged by the department');
  });

  it('labels every detail key in both languages', () => {
    for (const key of TIMELINE_DETAIL_KEYS) {
      expect(zh(`timelineDetail.${key}`)).not.toBe(`timelineDetail.${key}`);
      expect(en(`timelineDetail.${key}`)).not.toBe(`timelineDetail.${key}`);
    }
  });

  it('turns task, department and reason codes into their labels', () => {
    const lines = describeDetails(
      {
        taskId: '3f1c1b7e-9a57-4c41-9e0a-6b2f8f5d2a10',
        departmentId: 'cyber',
        task: 'evidence_preservation',
        reason: 'facts_changed',
        tasks: [{ departmentId: 'rights_office', kind: 'register_case', article: '第十三条' }],
        step: 'department_head',
        injured: true,
      },
      ctx,
    );
    expect(lines.map((l) => `${l.label}: ${l.value}`)).toEqual([
      '部门: 网安大队',
      '任务: 网络证据固定',
      '原因: 警情事实变更',
      '新增任务: 维权办 · 判定维权范围并登记（第十三条）',
      '升级步骤: 通知部门负责人',
      '有人受伤: 是',
    ]);
  });

  it('shows a free-text reason and a facts correction as written', () => {
    const lines = describeDetails(
      {
        reason: '民警补充',
        changes: {
          category: { from: 'violent_attack', to: 'threat_harassment' },
          injured: { from: false, to: true },
        },
      },
      ctx,
    );
    expect(lines[0]?.value).toBe('民警补充');
    expect(lines[1]?.value).not.toMatch(/[a-z]_[a-z]/);
    expect(lines[1]?.value).toContain('有人受伤：否 → 是');
  });

  it('shows a status change and a handling change', () => {
    expect(transitionText('new', 'acknowledged', zh)).toBe('新警情 → 已确认');
    expect(transitionText('criminal', 'administrative', zh)).toBe('刑事 → 行政');
    expect(transitionText('new', 'new', zh)).toBeNull();
  });

  it('names who wrote an entry in words', () => {
    expect(actorText('system:linkage', new Map(), zh)).toBe('系统·部门联动');
    expect(actorText('system:task-escalation', new Map(), en)).toBe('System · task escalation');
    expect(actorText('user:3f1c1b7e-9a57-4c41-9e0a-6b2f8f5d2a10', new Map(), zh)).toBe('用户 3f1c1b7e');
  });
});
