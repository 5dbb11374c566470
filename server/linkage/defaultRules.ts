import type { LinkageRuleSetInput } from '@shared/domain/linkageRule';

/** Bureau policy, not the measures: minutes a department has to acknowledge a task. */
const MIN = 60;

const VIOLENCE = ['violent_attack', 'vehicle_ramming', 'physical_harm'] as const;

/**
 * The linkage the measures require, as the first version of the rule table. Every rule cites
 * the article and item that assigns the duty and quotes its words (linkageCitations.test.ts
 * holds each quote against the text of the measures). The acknowledgement deadlines are the
 * bureau's own choice (deadlinePolicy); an admin replaces the table through the API.
 */
export const DEFAULT_RULE_SET: LinkageRuleSetInput = {
  deadlinePolicy: '响应时限为本局规定（可配置），非《实施办法》条文',
  rules: [
    {
      id: 'register-case',
      article: '第十四条',
      quote: '对属于维权职责范围的,应当予以受理,并进行登记',
      description: '指挥中心通报维权办后（第十三条），维权办判定是否属维权职责范围，属于的受理并登记',
      when: [{}],
      tasks: [{ departmentId: 'rights_office', kind: 'register_case', ackDeadlineS: 15 * MIN }],
    },
    {
      id: 'application-review',
      article: '第十四条',
      quote: '维权委收到维权申请后,应在3个工作日内作出决定并答复申请人',
      description:
        '维权申请（错误追责或不公正处分的复核、恶意投诉炒作等，第十二条、第二十四条）：维权办受理审查，3个工作日内决定并答复',
      when: [{ application: true }],
      tasks: [{ departmentId: 'rights_office', kind: 'application_review', ackDeadlineS: 24 * 60 * MIN }],
    },
    {
      id: 'traffic-scene',
      article: '第九条(八)',
      quote: '交通管理大队:与属地办案单位联动配合,负责组织对侵害民警执法权威案事件现场开展交通疏导',
      description: '车辆冲撞、涉及车辆或现场在道路上：交通管理大队现场交通疏导',
      when: [{ categories: ['vehicle_ramming'] }, { vehicleInvolved: true }, { onRoad: true }],
      tasks: [{ departmentId: 'traffic', kind: 'traffic_control', ackDeadlineS: 5 * MIN }],
    },
    {
      id: 'vehicle-forensics',
      article: '第九条(八)',
      quote: '车辆、事故鉴定等涉及本警种业务工作',
      description: '车辆冲撞或涉及车辆：交通管理大队车辆、事故鉴定',
      when: [{ categories: ['vehicle_ramming'] }, { vehicleInvolved: true }],
      tasks: [{ departmentId: 'traffic', kind: 'vehicle_forensics', ackDeadlineS: 15 * MIN }],
    },
    {
      id: 'online-content',
      article: '第九条(七)',
      quote: '网安大队:协助办案部门对侵害民警执法权威案件开展互联网证据收集固定、封堵删除有害信息等工作',
      description:
        '网上威胁、诽谤、恶意炒作、人肉搜索，或报警附有网址：网安大队固定互联网证据、封堵删除有害信息',
      when: [
        { categories: ['malicious_complaint', 'privacy_violation'] },
        { categories: ['threat_harassment'], ongoing: false },
        { hasContentUrls: true },
        // Filed as an application (no scene): a malicious complaint or 炒作 online is still 网安's
        // to preserve and take down (第九条(七)); an application with links, too.
        { categories: ['malicious_complaint'], application: true },
        { hasContentUrls: true, application: true },
      ],
      tasks: [
        { departmentId: 'cyber', kind: 'evidence_preservation', ackDeadlineS: 10 * MIN },
        { departmentId: 'cyber', kind: 'content_takedown', ackDeadlineS: 30 * MIN },
      ],
    },
    {
      id: 'green-channel',
      article: '第九条(二)',
      quote: '协调建立公安民警因公受伤紧急救治“绿色通道”,确保受伤民警及时得到救护和治疗',
      description: '民警受伤：政工室开通紧急救治绿色通道（另见第二十八条）',
      when: [{ injured: true }],
      tasks: [{ departmentId: 'political_work', kind: 'green_channel', ackDeadlineS: 10 * MIN }],
    },
    {
      id: 'comfort',
      article: '第九条(二)',
      quote: '落实执法权威被侵害民警的慰问抚恤、心理健康服务',
      description: '民警受伤或受威胁：政工室慰问、心理健康服务（另见第二十九条）',
      when: [{ injured: true }, { categories: ['threat_harassment'] }],
      tasks: [{ departmentId: 'political_work', kind: 'comfort', ackDeadlineS: 60 * MIN }],
    },
    {
      id: 'relief-funds',
      article: '第九条(四)',
      quote: '警务保障室:落实维权抚慰经费来源,确保受伤民警及时得到慰问救济',
      description: '民警受伤：警务保障室落实抚慰经费、慰问救济',
      when: [{ injured: true }],
      tasks: [{ departmentId: 'logistics', kind: 'relief_funds', ackDeadlineS: 24 * 60 * MIN }],
    },
    {
      id: 'investigate-offender',
      article: '第九条(六)',
      quote: '刑侦、治安等办案部门:发挥职能作用,对侵害民警执法权威案件快侦快办',
      description:
        '暴力、阻碍执法、威胁恐吓及诬告陷害：办案部门快侦快办（刑事案件刑侦大队，治安案件治安大队），附第二十一条处理建议',
      when: [
        { categories: [...VIOLENCE, 'mob_obstruction', 'threat_harassment', 'false_accusation'] },
        { injured: true },
      ],
      tasks: [
        {
          departmentId: 'investigation',
          route: 'case_track',
          kind: 'investigation',
          ackDeadlineS: 10 * MIN,
          handlingSuggestion: true,
        },
      ],
    },
    {
      id: 'legal-guidance',
      article: '第九条(五)',
      quote: '对侵犯民警执法权威的疑难复杂刑事、行政案件进行办案指导',
      description: '暴力、聚众、民警受伤及诬告陷害案件：法制大队介入、办案指导（第十九条 法制介入）',
      when: [{ categories: [...VIOLENCE, 'mob_obstruction', 'false_accusation'] }, { injured: true }],
      tasks: [{ departmentId: 'legal', kind: 'legal_guidance', ackDeadlineS: 24 * 60 * MIN }],
    },
    {
      id: 'inspection-follow-up',
      article: '第十九条',
      quote: '督察跟进督办',
      description: '暴力、聚众、民警受伤或引发舆论关注：警务督察大队跟进督办（第九条(三) 督导）',
      when: [{ categories: [...VIOLENCE, 'mob_obstruction'] }, { injured: true }, { mediaAttention: true }],
      tasks: [{ departmentId: 'inspection', kind: 'supervision', ackDeadlineS: 60 * MIN }],
    },
    {
      id: 'protective-watch',
      article: '第二十条',
      quote: '有案(事)件管辖权的单位应当及时采取保护措施',
      description:
        '民警本人或近亲属遭恐吓威胁、滋事骚扰、尾随跟踪：对现场有管辖权的派出所对近亲属住址采取保护措施',
      when: [{ categories: ['threat_harassment'] }],
      tasks: [
        {
          departmentId: 'local_station',
          route: 'jurisdiction',
          kind: 'protective_watch',
          ackDeadlineS: 30 * MIN,
          restricted: true,
        },
      ],
    },
    {
      id: 'own-unit-protection',
      article: '第二十条',
      quote: '民警所属单位和有案(事)件管辖权的单位应当及时采取保护措施',
      description: '民警本人或近亲属遭恐吓威胁、滋事骚扰、尾随跟踪：民警所属单位采取保护措施',
      when: [{ categories: ['threat_harassment'] }],
      tasks: [
        {
          departmentId: 'local_station',
          route: 'own_unit',
          kind: 'protective_measures',
          ackDeadlineS: 30 * MIN,
          restricted: true,
        },
      ],
    },
  ],
  handling: {
    article: '第二十一条',
    violentCategories: [...VIOLENCE],
    assaultOnPolice: {
      basis:
        '暴力袭击正在依法执行职务的人民警察：涉嫌袭警罪（刑法第二百七十七条第五款，刑法修正案（十一）增设）',
    },
    criminal: {
      basis:
        '以暴力、威胁方法阻碍依法执行职务：涉嫌妨害公务罪（刑法第二百七十七条第一款），依法刑事拘留并侦查',
    },
    administrative: {
      basis:
        '以哄闹、谩骂、无理纠缠等非暴力方式阻碍执行职务：依法予以行政拘留（治安管理处罚法；办法原引第五十条第一款第二项、第二款，该法已修订，以现行条文为准）',
    },
  },
};
