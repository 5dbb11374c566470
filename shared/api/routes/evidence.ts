import { defineContract } from '../contract';
import { EvidenceList } from '../evidence';
import { CustodyChain, EvidenceUpload, EvidenceUploadList } from '../upload';
import { IdParams } from './ids';

/** Web evidence captures (网安) and the evidence officers upload from their phones. */
export const evidenceRoutes = {
  captures: defineContract({
    method: 'get',
    path: '/api/v1/incidents/:id/evidence',
    summary: "An incident's web evidence captures (网安 and supervisors only)",
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
    response: EvidenceList,
  }),
  /** Not JSON: the bytes as a download; the client links to urlFor(this). */
  captureBody: defineContract({
    method: 'get',
    path: '/api/v1/evidence/:id/body',
    summary: 'The captured bytes, as a download (never rendered here); every read is audited',
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
  }),
  uploads: defineContract({
    method: 'get',
    path: '/api/v1/incidents/:id/uploads',
    summary: 'Evidence uploaded from phones to this incident, with both SHA-256 values (the read is audited)',
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
    response: EvidenceUploadList,
  }),
  upload: defineContract({
    method: 'get',
    path: '/api/v1/uploads/:id',
    summary: 'One uploaded evidence file: who, when, from which device, and whether the hashes match',
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
    response: EvidenceUpload,
  }),
  custody: defineContract({
    method: 'get',
    path: '/api/v1/uploads/:id/custody',
    summary: 'The chain of custody of an uploaded evidence file',
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
    response: CustodyChain,
  }),
  /** Not JSON: the file itself; the client links to urlFor(this). */
  uploadContent: defineContract({
    method: 'get',
    path: '/api/v1/uploads/:id/content',
    summary:
      'The uploaded file itself; every download is written to its chain of custody and the audit log first',
    tags: ['evidence'],
    permission: 'stream:read',
    params: IdParams,
  }),
};
