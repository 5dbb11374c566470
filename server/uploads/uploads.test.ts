import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEVICE_KEY, loginAs, startTestRuntime, type TestRuntime } from '../testing/testRuntime';
import { CHUNK, PHONE_UA, runUpload } from '../testing/tusUpload';

const SIZE = 50 * 1024 * 1024;

async function json(rt: TestRuntime, cookie: string, method: string, pathname: string, body?: unknown) {
  const res = await fetch(`${rt.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('evidence uploads from the phone (tus): resumable, hashed on both ends, custody and audit', () => {
  let rt: TestRuntime;
  let dataDir: string;
  let officer: string;
  let dispatcher: string;
  let incidentId: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shieldline-uploads-'));
    rt = await startTestRuntime('pglite', { DATA_DIR: dataDir });
    [officer, dispatcher] = await Promise.all([loginAs(rt.url, 'GX-P01'), loginAs(rt.url, 'dispatcher1')]);
    const sos = await json(rt, officer, 'POST', '/api/v1/alerts', {
      category: 'violent_attack',
      source: 'sos_button',
      position: { lat: 25.86, lng: 115.01 },
    });
    incidentId = sos.body.id;
  });
  afterAll(async () => {
    await rt?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes a 50 MB upload interrupted half-way, and the stored SHA-256 matches the file', async () => {
    const file = path.join(dataDir, 'bodycam.mp4');
    fs.writeFileSync(file, randomBytes(SIZE));
    const data = fs.readFileSync(file);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const metadata = { incidentId, filename: 'bodycam.mp4', filetype: 'video/mp4', kind: 'video', sha256 };

    const first = await runUpload(rt, officer, data, metadata, { stopAt: SIZE / 2 });
    expect(first.url).toMatch(/\/api\/v1\/uploads\/tus\/[0-9a-f-]{36}$/);
    const uploadId = first.url?.split('/').pop() ?? '';

    // Half-way: the server holds part of it and says so.
    const head = await fetch(first.url ?? '', {
      method: 'HEAD',
      headers: { cookie: officer, 'tus-resumable': '1.0.0' },
    });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(SIZE / 2 - CHUNK);
    expect(offset).toBeLessThan(SIZE);
    const midway = await json(rt, officer, 'GET', `/api/v1/uploads/${uploadId}`);
    expect(midway.body.status).toBe('uploading');

    // Another officer may not continue it.
    const stranger = await loginAs(rt.url, 'GX-P02');
    const hijack = await fetch(first.url ?? '', {
      method: 'HEAD',
      headers: { cookie: stranger, 'tus-resumable': '1.0.0' },
    });
    expect(hijack.status).toBe(403);

    const second = await runUpload(rt, officer, data, metadata, { resumeUrl: first.url ?? '' });
    expect(second.firstOffset).toBeGreaterThanOrEqual(offset);
    expect(second.headers).toEqual({ 'Upload-Sha256': sha256, 'Upload-Verified': 'true' });

    const stored = await json(rt, dispatcher, 'GET', `/api/v1/uploads/${uploadId}`);
    expect(stored.body).toMatchObject({
      status: 'stored',
      sha256,
      clientSha256: sha256,
      sizeBytes: SIZE,
      kind: 'video',
      incidentId,
      device: PHONE_UA,
    });
    const onDisk = createHash('sha256')
      .update(fs.readFileSync(path.join(dataDir, 'evidence-uploads', uploadId)))
      .digest('hex');
    expect(onDisk).toBe(sha256);

    // The download is the same bytes, and it is written to the chain of custody.
    const download = await fetch(`${rt.url}/api/v1/uploads/${uploadId}/content`, {
      headers: { cookie: dispatcher },
    });
    expect(download.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await download.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha256);
    const custody = await json(rt, dispatcher, 'GET', `/api/v1/uploads/${uploadId}/custody`);
    expect(custody.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'stored',
      'downloaded',
    ]);
    expect(custody.body.entries[0]).toMatchObject({
      device: PHONE_UA,
      details: { incidentId, clientSha256: sha256 },
    });

    const listed = await json(rt, officer, 'GET', `/api/v1/incidents/${incidentId}/uploads`);
    expect(listed.body.uploads.map((u: { id: string }) => u.id)).toContain(uploadId);

    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', 'in', [`evidence_upload:${uploadId}`, `incident:${incidentId}`])
      .where('action', 'like', 'evidence_upload.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'evidence_upload.create',
        'evidence_upload.stored',
        'evidence_upload.download',
        'evidence_upload.custody_read',
        'evidence_upload.list',
      ]),
    );
  });

  it('marks a file whose bytes do not match the phone’s hash, and keeps it', async () => {
    const data = Buffer.from('a photo that changed on the way');
    const claimed = createHash('sha256').update('something else').digest('hex');
    const run = await runUpload(rt, officer, data, {
      incidentId,
      filename: 'photo.jpg',
      filetype: 'image/jpeg',
      kind: 'photo',
      sha256: claimed,
    });
    expect(run.headers['Upload-Verified']).toBe('false');
    const id = run.url?.split('/').pop() ?? '';
    const stored = await json(rt, officer, 'GET', `/api/v1/uploads/${id}`);
    expect(stored.body.status).toBe('hash_mismatch');
    expect(stored.body.sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('refuses bad metadata, incidents the officer may not see, deletes and tus reads', async () => {
    const sha256 = createHash('sha256').update('x').digest('hex');
    await expect(
      runUpload(rt, officer, Buffer.from('x'), { incidentId, filename: 'x.bin', sha256: 'nothex' }),
    ).rejects.toThrow(/400/);

    const foreign = await fetch(`${rt.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_DEVICE_KEY}` },
      body: JSON.stringify({ category: 'other', source: 'call_110', address: '赣县区' }),
    });
    const foreignId = (await foreign.json()).id;
    await expect(
      runUpload(rt, officer, Buffer.from('x'), { incidentId: foreignId, filename: 'x.bin', sha256 }),
    ).rejects.toThrow(/403/);
    const otherUnit = await loginAs(rt.url, 'GX-P02');
    expect((await json(rt, otherUnit, 'GET', `/api/v1/incidents/${incidentId}/uploads`)).status).toBe(403);

    const run = await runUpload(rt, officer, Buffer.from('x'), { incidentId, filename: 'x.bin', sha256 });
    const del = await fetch(run.url ?? '', {
      method: 'DELETE',
      headers: { cookie: officer, 'tus-resumable': '1.0.0' },
    });
    expect(del.status).toBe(403);
    const get = await fetch(run.url ?? '', { headers: { cookie: officer } });
    expect(get.status).toBe(404);
    const anonymous = await fetch(`${rt.url}/api/v1/uploads/tus`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '1' },
    });
    expect(anonymous.status).toBe(401);
  });
});
