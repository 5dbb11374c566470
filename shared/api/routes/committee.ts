import { Case } from '../../domain/case';
import { CaseIdParams } from '../cases';
import {
  CaseDeadlineList,
  CommitteeInbox,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  SupervisionBody,
} from '../committee';
import { defineContract } from '../contract';

const tags = ['committee'] as const;

/** The rights-protection committee (维权委, 第六条/第七条) and what it decides. */
export const committeeRoutes = {
  inbox: defineContract({
    method: 'get',
    path: '/api/v1/committee/cases',
    summary:
      'Cases put before the committee (serious by local policy, a pending extension, marked 督办) and the notices it was sent.',
    tags,
    permission: 'committee:read',
    response: CommitteeInbox,
  }),
  requestExtension: defineContract({
    method: 'post',
    path: '/api/v1/cases/:id/extension-request',
    summary:
      '维权办 asks the committee director for more time on a 重大、疑难、复杂 case (第十六条); the case goes before the committee.',
    tags,
    permission: 'cases:manage',
    params: CaseIdParams,
    body: ExtensionRequestBody,
    response: Case,
  }),
  decideExtension: defineContract({
    method: 'post',
    path: '/api/v1/cases/:id/extension-decision',
    summary:
      'The committee director (本级维权委主任, the 督察长) approves or refuses a pending extension (第十六条); other members are refused.',
    tags,
    permission: 'cases:decide_extension',
    params: CaseIdParams,
    body: ExtensionDecisionBody,
    response: Case,
  }),
  supervise: defineContract({
    method: 'post',
    path: '/api/v1/cases/:id/supervision',
    summary:
      'Mark a case for supervision, 督办, with a note: the committee (第七条) or 督察 (第十九条 督察跟进督办). Audited.',
    tags,
    permission: 'cases:supervise',
    params: CaseIdParams,
    body: SupervisionBody,
    response: Case,
  }),
  deadlines: defineContract({
    method: 'get',
    path: '/api/v1/case-deadlines',
    summary: 'Open cases’ deadlines without their content or personal data: the supervisor’s overdue view.',
    tags,
    permission: 'cases:deadlines',
    response: CaseDeadlineList,
  }),
};
