import type { LinkageRuleSetInput } from '@shared/domain/linkageRule';

const MIN = 60;

/**
 * The linkage the measures require (第九条 duties, 第十三条 notification, 第十九条 joint work,
 * 第二十一条 handling), as the first version of the rule table. An admin replaces it through
 * the API; these apply only to a database that has none yet.
 */
export const DEFAULT_RULE_SET: LinkageRuleSetInput = {
  rules: [
    {
      id: 'register-case',
      article: '第十三条',
      description: '每起警情：维权办登记立案、协调处置',
      when: [{}],
      tasks: [{ departmentId: 'rights_office', kind: 'register_case', ackDeadlineS: 15 * MIN }],
    },
    {
      id: 'traffic-scene',
      article: '第九条',
      description: '车辆冲撞或现场在道路上：交通管理大队现场交通管制、车辆及事故勘验',
      when: [{ categories: ['vehicle_ramming'] }, { onRoad: true }],
      tasks: [
        { departmentId: 'traffic', kind: 'traffic_control', ackDeadlineS: 5 * MIN },
        { departmentId: 'traffic', kind: 'vehicle_forensics', ackDeadlineS: 15 * MIN },
      ],
    },
    {
      id: 'online-content',
      article: '第九条',
      description: '网上威胁、诽谤、恶意投诉炒作、人肉搜索，或报警附有网址：网安大队固定证据、处置有害信息',
      when: [
        { categories: ['malicious_complaint', 'privacy_violation'] },
        { categories: ['threat_harassment'], ongoing: false },
        { hasContentUrls: true },
      ],
      tasks: [
        { departmentId: 'cyber', kind: 'evidence_preservation', ackDeadlineS: 10 * MIN },
        { departmentId: 'cyber', kind: 'content_takedown', ackDeadlineS: 30 * MIN },
      ],
    },
    {
      id: 'injured-officer',
      article: '第九条',
      description: '民警受伤：政工室开通就医绿色通道、慰问及心理疏导',
      when: [{ injured: true }],
      tasks: [
        { departmentId: 'political_work', kind: 'green_channel', ackDeadlineS: 10 * MIN },
        { departmentId: 'political_work', kind: 'comfort', ackDeadlineS: 60 * MIN },
      ],
    },
    {
      id: 'investigate-offender',
      article: '第十九条',
      description: '暴力及阻碍执法类警情：刑侦、治安快速侦查，附第二十一条处理建议',
      when: [{ categories: ['violent_attack', 'vehicle_ramming', 'physical_harm', 'mob_obstruction'] }],
      tasks: [
        {
          departmentId: 'investigation',
          kind: 'investigation',
          ackDeadlineS: 10 * MIN,
          handlingSuggestion: true,
        },
      ],
    },
    {
      id: 'hard-case',
      article: '第十九条',
      description: '诬告陷害、错误追责及其他疑难情形：法制大队提前介入、指导定性',
      when: [{ categories: ['false_accusation', 'wrongful_discipline', 'other'] }],
      tasks: [{ departmentId: 'legal', kind: 'legal_guidance', ackDeadlineS: 24 * 60 * MIN }],
    },
    {
      id: 'protect-relatives',
      article: '第十一条(五)(八)',
      description: '民警本人及近亲属受威胁恐吓或隐私被侵犯（人肉搜索）：属地派出所对近亲属住址开展守护巡查',
      when: [{ categories: ['threat_harassment', 'privacy_violation'] }],
      tasks: [
        { departmentId: 'local_station', kind: 'protective_watch', ackDeadlineS: 30 * MIN, restricted: true },
      ],
    },
  ],
  handling: {
    article: '第二十一条',
    violentCategories: ['violent_attack', 'vehicle_ramming', 'physical_harm'],
    criminal: {
      basis: '以暴力方法阻碍依法执行职务：依法刑事拘留、立案侦查（刑法第二百七十七条 妨害公务罪）',
    },
    administrative: {
      basis:
        '非暴力阻碍执行职务（起哄闹事、辱骂、纠缠）：依法行政拘留（治安管理处罚法；办法原引第五十条，该法已修订，以现行条文为准）',
    },
  },
};
