import { randomUUID } from 'node:crypto';
import type { LedgerFilters } from '@shared/api/ledger';
import { routes } from '@shared/api/routes';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../demo/demoFixtures';
import { DISTRESS_ALERT, RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { DATABASE_KINDS } from '../testing/databases';
import { expectError, expectOk, type TestClient, testClient } from '../testing/testClient';
import { loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { LEDGER_EXPORT_HEADERS } from './ledgerExport';

/**
 * The ledger (第三十五条) against a running server: the register's filters and paging, who may
 * read it, and both exports read back as a desk user's spreadsheet would read them.
 * Matters are dated in March 2025 so nothing the runtime itself creates falls in the window.
 */
const MARCH = { from: '2025-03-01', to: '2025-03-31' } as const;

// The ledger is one hand-written UNION query: it must answer the same on both databases.
describe.each(DATABASE_KINDS)('the ledger (第三十五条 台账) on %s', { timeout: 180_000 }, (kind) => {
  let rt: TestRuntime;
  const as: Record<string, TestClient> = {};
  const cookies: Record<string, string> = {};
  const refs: Record<string, string> = {};
  let officerX = { id: '', name: '', unit: '' };
  let officerY = { id: '', name: '', unit: '' };

  beforeAll(async () => {
    rt = await startTestRuntime(kind);
    const fieldOfficers = DEMO_USERS.filter((u) => u.role === 'field_officer');
    const users = await rt.database.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'org_unit_id'])
      .where('role', '=', 'field_officer')
      .where('org_unit_id', 'is not', null)
      .execute();
    const [x, y] = [
      users.find((u) => u.username === fieldOfficers[0]?.username),
      users.find(
        (u) => u.org_unit_id !== users.find((v) => v.username === fieldOfficers[0]?.username)?.org_unit_id,
      ),
    ];
    if (!x || !y) throw new Error('demo officers with two different units expected');
    officerX = { id: x.id, name: x.display_name, unit: x.org_unit_id ?? '' };
    officerY = { id: y.id, name: y.display_name, unit: y.org_unit_id ?? '' };
    for (const who of ['supervisor1', 'rights_office', 'traffic', 'dispatcher1', 'admin', x.username]) {
      cookies[who] = await loginAs(rt.url, who);
      as[who] = testClient(rt.url, cookies[who]);
    }
    cookies.officer = cookies[x.username] ?? '';
    as.officer = testClient(rt.url, cookies.officer);

    const attack = await raiseAlert(rt.url, {
      ...DISTRESS_ALERT,
      occurredAt: '2025-03-05T12:10:00+08:00',
      officers: [{ userId: officerX.id }],
      description: '盘查时遭嫌疑人持械袭击',
    });
    const ramming = await raiseAlert(rt.url, {
      ...RAMMING_ALERT,
      occurredAt: '2025-03-20T21:30:00+08:00',
      officers: [{ userId: officerX.id }, { name: '王辅警', note: '辅警' }],
    });
    const mob = await raiseAlert(rt.url, {
      category: 'mob_obstruction',
      source: 'call_110',
      address: '赣县区 测试街',
      occurredAt: '2025-02-10T09:00:00+08:00',
      officers: [{ userId: officerY.id }],
    });
    refs.attack = attack.reference;
    refs.ramming = ramming.reference;
    refs.mob = mob.reference;
    const c = expectOk(
      await as.rights_office!(routes.cases.create, {
        body: {
          channel: 'written',
          category: 'threat_harassment',
          summary: '执法后本人及家属被跟踪威胁',
          applicant: { kind: 'relative', name: '李秀英', relation: 'spouse', phone: '13800001234' },
          officers: [{ userId: officerX.id, name: officerX.name }],
          receivedAt: '2025-03-10T02:00:00Z',
        },
      }),
      201,
    );
    refs.case = c.reference;
    // the linkage plans an incident's department tasks just after it is raised
    await waitFor(
      async () =>
        (await rt.database.db
          .selectFrom('department_tasks')
          .select('id')
          .where('incident_id', '=', ramming.id)
          .where('department_id', '=', 'traffic')
          .executeTakeFirst()) !== undefined,
    );
  }, 300_000);
  afterAll(async () => {
    await rt?.close();
  });

  const list = async (filters: Partial<LedgerFilters> & { page?: number; pageSize?: number }) =>
    expectOk(await as.supervisor1!(routes.ledger.list, { query: { ...MARCH, ...filters } }));
  const refsOf = (page: { entries: Array<{ reference: string }> }) =>
    page.entries.map((e) => e.reference).sort();

  it('holds incidents and cases in one register, newest first, within the time range', async () => {
    const page = await list({});
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => e.reference)).toEqual([refs.ramming, refs.case, refs.attack]);
    const all = await list({ from: '2025-02-01' });
    expect(refsOf(all)).toEqual([refs.attack, refs.case, refs.mob, refs.ramming].sort());
  });

  it('filters by kind, category, officer, unit, department, state, outcome and channel', async () => {
    expect(refsOf(await list({ kind: 'case' }))).toEqual([refs.case]);
    expect(refsOf(await list({ kind: 'incident' }))).toEqual([refs.attack, refs.ramming].sort());
    expect(refsOf(await list({ category: 'vehicle_ramming' }))).toEqual([refs.ramming]);
    expect(refsOf(await list({ officerId: officerX.id }))).toEqual(
      [refs.attack, refs.case, refs.ramming].sort(),
    );
    expect(refsOf(await list({ from: '2025-02-01', officerId: officerY.id }))).toEqual([refs.mob]);
    expect(refsOf(await list({ from: '2025-02-01', unitId: officerY.unit }))).toEqual([refs.mob]);
    expect(refsOf(await list({ unitId: officerX.unit }))).toEqual(
      [refs.attack, refs.case, refs.ramming].sort(),
    );
    // 交管 controls traffic at a ramming on the road, not at an assault off it
    expect(refsOf(await list({ departmentId: 'traffic' }))).toEqual([refs.ramming]);
    expect(refsOf(await list({ state: 'received' }))).toEqual([refs.case]);
    expect(refsOf(await list({ state: 'new' }))).toEqual([refs.attack, refs.ramming].sort());
    expect((await list({ outcome: 'resolved' })).total).toBe(0);
    expect((await list({ outcome: 'in_progress' })).total).toBe(3);
    expect(refsOf(await list({ channel: 'written' }))).toEqual([refs.case]);
    expect(refsOf(await list({ channel: 'sos_button' }))).toEqual([refs.attack]);
    expect(refsOf(await list({ q: '持械' }))).toEqual([refs.attack]);
  });

  it('pages on the server without gaps or repeats', async () => {
    const first = await list({ pageSize: 2, page: 1 });
    const second = await list({ pageSize: 2, page: 2 });
    expect(first.total).toBe(3);
    expect(first.entries).toHaveLength(2);
    expect(second.entries).toHaveLength(1);
    expect([...refsOf(first), ...refsOf(second)].sort()).toEqual(
      [refs.attack, refs.case, refs.ramming].sort(),
    );
  });

  it('shows what a row concerns, with the applicant masked as the cases code masks it', async () => {
    const page = await list({});
    const ramming = page.entries.find((e) => e.reference === refs.ramming);
    expect(ramming?.officers.map((o) => o.name)).toEqual([officerX.name, '王辅警']);
    expect(ramming?.units.map((u) => u.id)).toEqual([officerX.unit]);
    expect(ramming?.departments).toContain('traffic');
    const c = page.entries.find((e) => e.reference === refs.case);
    expect(c?.applicant).toBe('李**');
    expect(JSON.stringify(page)).not.toContain('13800001234');
    expect(JSON.stringify(page)).not.toContain('李秀英');
  });

  it('is for supervisors, 维权办 and admins: dispatchers, field officers and other departments get 403', async () => {
    for (const who of ['rights_office', 'admin']) {
      expectOk(await as[who]!(routes.ledger.list, { query: MARCH }));
      expectOk(
        await as[who]!(routes.reports.period, {
          params: { period: 'month' },
          query: { start: '2025-03-01' },
        }),
      );
    }
    for (const who of ['dispatcher1', 'officer', 'traffic']) {
      expectError(await as[who]!(routes.ledger.list, { query: MARCH }), 403, 'forbidden');
      expectError(
        await as[who]!(routes.ledger.export, { query: { ...MARCH, format: 'csv' } }),
        403,
        'forbidden',
      );
      expectError(
        await as[who]!(routes.reports.period, { params: { period: 'month' }, query: {} }),
        403,
        'forbidden',
      );
    }
  });

  const download = async (who: string, query: Record<string, string>) => {
    const res = await fetch(`${rt.url}${routes.ledger.export.path}?${new URLSearchParams(query)}`, {
      headers: { cookie: cookies[who] ?? '' },
    });
    expect(res.status).toBe(200);
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  /** A CSV reader good enough for what toCsv writes: quoted fields, doubled quotes, CRLF. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        row.push(cell);
        cell = '';
      } else if (ch === '\r') {
        // part of CRLF
      } else if (ch === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else cell += ch;
    }
    return rows;
  }

  it('exports CSV in UTF-8 with a BOM, Chinese headers and the filters applied, and audits it', async () => {
    const { res, bytes } = await download('supervisor1', { ...MARCH, format: 'csv' });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="ledger-\d{8}\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual([...LEDGER_EXPORT_HEADERS]);
    expect(rows[0]).toContain('侵害类别');
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([refs.attack, refs.case, refs.ramming].sort());
    const caseRow = rows.find((r) => r[1] === refs.case);
    expect(caseRow?.[0]).toBe('维权案件');
    expect(caseRow?.[3]).toBe('威胁骚扰');
    expect(caseRow?.[10]).toBe('李**');
    expect(bytes.toString('utf8')).not.toContain('13800001234');

    const filtered = parseCsv(
      (await download('rights_office', { ...MARCH, category: 'vehicle_ramming', format: 'csv' })).bytes
        .subarray(3)
        .toString('utf8'),
    );
    expect(filtered.slice(1).map((r) => r[1])).toEqual([refs.ramming]);
    expect(filtered[1]?.[7]).toBe(`${officerX.name}、王辅警`);

    const audits = await rt.database.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'ledger.export')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.details)).toEqual([
      { format: 'csv', filters: MARCH, rows: 3 },
      { format: 'csv', filters: { ...MARCH, category: 'vehicle_ramming' }, rows: 1 },
    ]);
  });

  it('exports XLSX that Excel reads back with the same columns and rows', async () => {
    const { res, bytes } = await download('admin', { ...MARCH, officerId: officerX.id, format: 'xlsx' });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('台账');
    if (!sheet) throw new Error('no 台账 sheet');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(values(1)).toEqual([...LEDGER_EXPORT_HEADERS]);
    expect(sheet.rowCount).toBe(4);
    const byRef = new Map([2, 3, 4].map((n) => [values(n)[1], values(n)]));
    expect([...byRef.keys()].sort()).toEqual([refs.attack, refs.case, refs.ramming].sort());
    expect(byRef.get(refs.attack ?? '')?.[3]).toBe('暴力袭击');
    expect(byRef.get(refs.attack ?? '')?.[6]).toBe('一键求助');
    expect(byRef.get(refs.case ?? '')?.[10]).toBe('李**');
    const about = book.getWorksheet('筛选条件');
    const lines = (about?.getColumn(1).values ?? []).map((v) => String(v ?? ''));
    expect(lines).toContain('时间：2025-03-01 至 2025-03-31');
    expect(lines).toContain(`涉及民警：${officerX.id}`);
    const audit = await rt.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'ledger.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ format: 'xlsx', filters: { ...MARCH, officerId: officerX.id }, rows: 3 });
  });

  it('refuses an export without a format, and a filter it does not know', async () => {
    expectError(
      await as.supervisor1!(routes.ledger.list, { query: { ...MARCH, category: 'nonsense' as 'other' } }),
      400,
    );
    const res = await fetch(`${rt.url}${routes.ledger.export.path}?format=pdf`, {
      headers: { cookie: cookies.supervisor1 ?? '' },
    });
    expect(res.status).toBe(400);
  });

  it('analyses a month against the previous one', async () => {
    const r = expectOk(
      await as.supervisor1!(routes.reports.period, {
        params: { period: 'month' },
        query: { start: '2025-03-17' },
      }),
    );
    expect(r.span).toEqual({ start: '2025-03-01', end: '2025-04-01' });
    expect(r.previousSpan).toEqual({ start: '2025-02-01', end: '2025-03-01' });
    expect(r.totals.incidents).toEqual({ count: 2, previous: 1 });
    expect(r.totals.cases).toEqual({ count: 1, previous: 0 });
    expect(r.totals.matters).toEqual({ count: 3, previous: 1 });
    expect(r.byHour.current[12]).toBe(1);
    expect(r.byHour.current[21]).toBe(1);
    expect(r.byHour.previous[9]).toBe(1);
    expect(r.byCategory.find((c) => c.category === 'vehicle_ramming')?.incidents).toEqual({
      count: 1,
      previous: 0,
    });
    expect(r.byUnit[0]).toMatchObject({ unitId: officerX.unit, count: 3 });
    expect(r.intervals.targetsAre).toBe('local_policy');
    // received 10 March, never decided: its 3 working days ran out long ago
    expect(r.deadlines.acceptance).toEqual({ met: 0, late: 0, overdue: 1, pending: 0 });
    expect(r.offenderHandling.casesWithout).toBe(1);
    expect(r.repeatVictims.officers.map((o) => [o.name, o.matters])).toEqual([[officerX.name, 3]]);
    expect(r.guidance[0]).toMatchObject({ unitId: officerX.unit, matters: 3, repeatOfficers: 1 });
    expect(r.byTownship.reduce((n, t) => n + t.count, 0)).toBe(3);
  });

  it('refuses a search with a NUL character as a 400 naming it, not a database error (found by test:fuzz)', async () => {
    const err = expectError(await as.supervisor1!(routes.ledger.list, { query: { q: 'a\u0000b' } }), 400);
    expect(err.message).toContain('query.q');
  });

  it("counts each warning model's firings in the period and the one before", async () => {
    const fire = (model: 'repeat_victim' | 'slow_response', at: string) =>
      rt.database.db
        .insertInto('warnings')
        .values({
          id: randomUUID(),
          model,
          subject_key: `report-test:${randomUUID()}`,
          fingerprint: 'report-test',
          status: 'resolved',
          evidence: JSON.stringify({ reason: 'report-test', article: '第三十五条', facts: {} }),
          refs: JSON.stringify([]),
          fired_at: new Date(at),
          updated_at: new Date(at),
        })
        .execute();
    // 1 March 00:30 in China is still February in UTC: counted by the bureau's day.
    await fire('repeat_victim', '2025-02-28T16:30:00Z');
    await fire('repeat_victim', '2025-03-20T04:00:00Z');
    await fire('slow_response', '2025-02-10T04:00:00Z');
    const r = expectOk(
      await as.supervisor1!(routes.reports.period, {
        params: { period: 'month' },
        query: { start: '2025-03-17' },
      }),
    );
    const byModel = Object.fromEntries(r.warningFirings.map((f) => [f.model, [f.count, f.previous]]));
    expect(byModel).toMatchObject({ repeat_victim: [2, 0], slow_response: [0, 1], deadline_overdue: [0, 0] });
  });
});
