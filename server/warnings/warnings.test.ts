import { routes } from '@shared/api/routes';
import { chinaDate } from '@shared/domain/caseDeadline';
import type { Warning, WarningModel } from '@shared/domain/warning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksOf } from '../tasks/taskTestKit';
import { RAMMING_ALERT, raiseAlert } from '../testing/alerts';
import { DATABASE_KINDS } from '../testing/databases';
import { recordEvents } from '../testing/socketEvents';
import { expectError, expectOk, testClient } from '../testing/testClient';
import { connectConsole, loginAs, startTestRuntime, type TestRuntime, waitFor } from '../testing/testRuntime';
import { countFiringsByModel } from './countFiringsByModel';
import { evaluateWarnings } from './evaluateWarnings';

const HOUR = 3_600_000;

// Generous timeouts: the shared machine runs several engineers' checks at once.
// Both databases: the partial unique index and its ON CONFLICT must behave alike.
describe.each(DATABASE_KINDS)(
  'warning models (第三十五条, 第三十六条) on %s',
  { timeout: 120_000 },
  (kind) => {
    let rt: TestRuntime;
    const cookies: Record<string, string> = {};
    const ids: Record<string, string> = {};
    const as = (who: string) => testClient(rt.url, cookies[who] ?? null);

    beforeAll(async () => {
      rt = await startTestRuntime(kind);
      for (const who of ['rights_office', 'supervisor1', 'dispatcher1', 'admin', 'traffic', 'GX-P01'])
        cookies[who] = await loginAs(rt.url, who);
      const users = await rt.database.db.selectFrom('users').select(['id', 'username']).execute();
      for (const u of users) ids[u.username] = u.id;
    }, 300_000);
    afterAll(async () => {
      await rt?.close();
    });

    /** Evaluates now and returns the open warnings of one model about one subject's record. */
    async function openWarnings(model: WarningModel, refId: string): Promise<Warning[]> {
      await evaluateWarnings(rt.database.db);
      const list = expectOk(await as('supervisor1')(routes.warnings.list, { query: { model } }));
      return list.warnings.filter((w) => w.refs.some((r) => r.id === refId));
    }

    async function backdate(incidentId: string, set: Record<string, Date>) {
      await rt.database.db.updateTable('incidents').set(set).where('id', '=', incidentId).execute();
    }

    async function newCase(body: Record<string, unknown> = {}) {
      return expectOk(
        await as('rights_office')(routes.cases.create, {
          body: {
            channel: 'written',
            category: 'violent_attack',
            summary: '执法时被当事人殴打（测试）',
            applicant: { kind: 'unit', unitName: '测试派出所' },
            ...body,
          },
        }),
        201,
      );
    }

    it('unfiled_obstruction: an obstruction incident with no case after the threshold, cleared by filing one', async () => {
      const crafted = await raiseAlert(rt.url, { ...mob(), address: '赣县区 未立案路 1 号' });
      const clean = await raiseAlert(rt.url, { ...mob(), address: '赣县区 已立案路 2 号' });
      await backdate(crafted.id, { raised_at: new Date(Date.now() - 30 * HOUR) });
      await backdate(clean.id, { raised_at: new Date(Date.now() - 30 * HOUR) });
      expectOk(await as('rights_office')(routes.cases.fromIncident, { body: { incidentId: clean.id } }), 201);
      const fired = await openWarnings('unfiled_obstruction', crafted.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]?.evidence.facts).toMatchObject({ reference: crafted.reference, thresholdHours: 24 });
      expect(fired[0]?.evidence.facts.hoursWithoutCase).toBeGreaterThanOrEqual(30);
      expect(fired[0]?.refs[0]).toEqual({ kind: 'incident', id: crafted.id, label: crafted.reference });
      expect(await openWarnings('unfiled_obstruction', clean.id)).toEqual([]);
      // A recent one has not waited long enough.
      const fresh = await raiseAlert(rt.url, mob());
      expect(await openWarnings('unfiled_obstruction', fresh.id)).toEqual([]);
      // Filing the case clears it by itself.
      expectOk(
        await as('rights_office')(routes.cases.fromIncident, { body: { incidentId: crafted.id } }),
        201,
      );
      expect(await openWarnings('unfiled_obstruction', crafted.id)).toEqual([]);
      const row = await rt.database.db
        .selectFrom('warnings')
        .select(['status', 'cleared_at'])
        .where('id', '=', fired[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('cleared');
    });

    it('suspected_downgrade: a violent case whose offender was handled only administratively (第三十六条(六))', async () => {
      const crafted = await newCase();
      const clean = await newCase();
      for (const c of [crafted, clean])
        expectOk(
          await as('rights_office')(routes.cases.decide, {
            params: { id: c.id },
            body: { decision: 'accept' },
          }),
        );
      const handle = (id: string, track: 'administrative' | 'criminal_assault_police') =>
        as('rights_office')(routes.cases.addRemedy, {
          params: { id },
          body: {
            kind: 'offender_handling',
            track,
            matchesViolence: true,
            approvedBy: ids.committee_director ?? '',
          },
        });
      expectOk(await handle(crafted.id, 'administrative'), 201);
      expectOk(await handle(clean.id, 'criminal_assault_police'), 201);
      const fired = await openWarnings('suspected_downgrade', crafted.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]?.evidence).toMatchObject({
        reason: 'case_offender_administrative',
        article: '第二十一条、第三十六条(六)',
        facts: { reference: crafted.reference, category: 'violent_attack', track: 'administrative' },
      });
      expect(await openWarnings('suspected_downgrade', clean.id)).toEqual([]);

      // Concluded with no offender handling at all.
      const unhandled = await newCase();
      expectOk(
        await as('rights_office')(routes.cases.decide, {
          params: { id: unhandled.id },
          body: { decision: 'accept' },
        }),
      );
      expect(await openWarnings('suspected_downgrade', unhandled.id)).toEqual([]);
      expectOk(
        await as('rights_office')(routes.cases.feedback, {
          params: { id: unhandled.id },
          body: { text: '已调查处理' },
        }),
      );
      const closed = await openWarnings('suspected_downgrade', unhandled.id);
      expect(closed.map((w) => w.evidence.reason)).toEqual(['case_concluded_without_handling']);
    });

    it('suspected_downgrade and slow_response from the linkage: handling corrected to administrative, aftercare not started', async () => {
      const db = rt.database.db;
      const crafted = await raiseAlert(rt.url, { ...RAMMING_ALERT, address: '赣县区 降格路 1 号' });
      const clean = await raiseAlert(rt.url, { ...RAMMING_ALERT, address: '赣县区 正常路 2 号' });
      const planned = async (id: string) =>
        waitFor(async () => {
          const tasks = await tasksOf(db, id);
          const handling = tasks.find((t) => t.handling);
          const aftercare = tasks.find((t) => t.kind === 'green_channel');
          return handling && aftercare ? { handling, aftercare } : undefined;
        }, 30_000);
      const [mine, theirs] = [await planned(crafted.id), await planned(clean.id)];
      expect(mine.handling.handling?.track).toBe('criminal');
      expectOk(
        await as('dispatcher1')(routes.linkageFacts.correctHandling, {
          params: { id: mine.handling.id },
          body: { track: 'administrative', reason: '当事人情绪激动，仅推搡（测试）' },
        }),
      );
      const downgraded = await openWarnings('suspected_downgrade', crafted.id);
      expect(downgraded.map((w) => w.evidence.reason)).toEqual(['violent_incident_administrative_track']);
      expect(downgraded[0]?.evidence.facts).toMatchObject({
        category: 'vehicle_ramming',
        correctionReason: '当事人情绪激动，仅推搡（测试）',
      });
      expect(downgraded[0]?.refs.map((r) => r.kind)).toEqual(['incident', 'task']);
      expect(await openWarnings('suspected_downgrade', clean.id)).toEqual([]);

      // The green channel (第三十六条(三)) not taken up two hours after it was asked for.
      await db
        .updateTable('department_tasks')
        .set({ created_at: new Date(Date.now() - 2 * HOUR) })
        .where('id', '=', mine.aftercare.id)
        .execute();
      const late = (await openWarnings('slow_response', mine.aftercare.id)).map((w) => w.evidence);
      expect(late).toHaveLength(1);
      expect(late[0]).toMatchObject({
        reason: 'aftercare_not_started',
        article: '第三十六条(三)',
        facts: { taskKind: 'green_channel', targetMinutes: 60 },
      });
      expect(await openWarnings('slow_response', theirs.aftercare.id)).toEqual([]);
    });

    it('repeat_victim: an officer infringed three times in 90 days, not one hit twice', async () => {
      const db = rt.database.db;
      const users = await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('role', '=', 'field_officer')
        .limit(2)
        .execute();
      const [hit, twice] = users;
      if (!hit || !twice) throw new Error('demo officers missing');
      for (let i = 0; i < 3; i++)
        await raiseAlert(rt.url, {
          ...mob(),
          officers: [{ userId: hit.id }],
          address: `赣县区 重复路 ${i} 号`,
        });
      for (let i = 0; i < 2; i++)
        await raiseAlert(rt.url, {
          ...mob(),
          officers: [{ userId: twice.id }],
          address: `赣县区 两次路 ${i} 号`,
        });
      const fired = await openWarnings('repeat_victim', hit.id);
      const officer = fired.find((w) => w.subject === `officer:${hit.id}`);
      expect(officer?.evidence.facts).toMatchObject({ thresholdTimes: 3, windowDays: 90 });
      expect(Number(officer?.evidence.facts.times)).toBeGreaterThanOrEqual(3);
      expect(officer?.refs.filter((r) => r.kind === 'incident').length).toBeGreaterThanOrEqual(3);
      expect(
        (await openWarnings('repeat_victim', twice.id)).find((w) => w.subject === `officer:${twice.id}`),
      ).toBeUndefined();
    });

    it('deadline_due and deadline_overdue: 第十四条 acceptance due today, and one long past', async () => {
      const overdue = await newCase({ receivedAt: new Date(Date.now() - 20 * 24 * HOUR).toISOString() });
      const due = await newCase();
      const clean = await newCase();
      await rt.database.db
        .updateTable('cases')
        .set({ acceptance_due: chinaDate() })
        .where('id', '=', due.id)
        .execute();
      const late = await openWarnings('deadline_overdue', overdue.id);
      expect(late).toHaveLength(1);
      expect(late[0]?.evidence).toMatchObject({
        reason: 'acceptance_deadline',
        article: '第十四条',
        facts: { due: overdue.deadlines.acceptance.due },
      });
      expect(Number(late[0]?.evidence.facts.daysLeft)).toBeLessThan(0);
      const soon = await openWarnings('deadline_due', due.id);
      expect(soon.map((w) => w.evidence.facts.daysLeft)).toEqual([0]);
      expect(await openWarnings('deadline_due', clean.id)).toEqual([]);
      expect(await openWarnings('deadline_overdue', clean.id)).toEqual([]);
      // Deciding meets the deadline: due clears itself; overdue stays for a person to resolve.
      for (const c of [overdue, due])
        expectOk(
          await as('rights_office')(routes.cases.decide, {
            params: { id: c.id },
            body: { decision: 'accept' },
          }),
        );
      expect(await openWarnings('deadline_due', due.id)).toEqual([]);
      expect(await openWarnings('deadline_overdue', overdue.id)).toHaveLength(1);
    });

    it('slow_response: acknowledged later than target, and reported hours after it occurred', async () => {
      const crafted = await raiseAlert(rt.url, {
        ...mob(),
        occurredAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      });
      const clean = await raiseAlert(rt.url, mob());
      const raised = new Date(crafted.intervals.raisedAt);
      await backdate(crafted.id, { acknowledged_at: new Date(raised.getTime() + 5 * 60_000) });
      await backdate(clean.id, {
        acknowledged_at: new Date(new Date(clean.intervals.raisedAt).getTime() + 10_000),
      });
      const fired = await openWarnings('slow_response', crafted.id);
      const byReason = Object.fromEntries(fired.map((w) => [w.evidence.reason, w.evidence]));
      expect(byReason.late_ack).toMatchObject({ facts: { seconds: 300, targetSeconds: 30 } });
      expect(byReason.late_report?.article).toBe('第十三条、第三十六条(二)');
      expect(Number(byReason.late_report?.facts.minutes)).toBeGreaterThanOrEqual(179);
      expect(await openWarnings('slow_response', clean.id)).toEqual([]);
    });

    it('is acknowledged and resolved by a person with a note, audited, and does not fire again on the same facts', async () => {
      const incident = await raiseAlert(rt.url, mob());
      await backdate(incident.id, { raised_at: new Date(Date.now() - 48 * HOUR) });
      const [warning] = await openWarnings('unfiled_obstruction', incident.id);
      if (!warning) throw new Error('no warning fired');
      // Readers only: dispatchers, field officers and other departments are refused.
      for (const who of ['dispatcher1', 'GX-P01', 'traffic'])
        expectError(await as(who)(routes.warnings.list, { query: {} }), 403);
      expectError(
        await as('traffic')(routes.warnings.acknowledge, { params: { id: warning.id }, body: { note: 'x' } }),
        403,
      );
      expectError(
        await as('rights_office')(routes.warnings.acknowledge, {
          params: { id: warning.id },
          body: { note: ' ' },
        }),
        400,
      );
      const acked = expectOk(
        await as('rights_office')(routes.warnings.acknowledge, {
          params: { id: warning.id },
          body: { note: '已联系派出所核实' },
        }),
      );
      expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedNote: '已联系派出所核实' });
      expect(acked.acknowledgedBy).toBe(`user:${ids.rights_office}`);
      expectError(
        await as('supervisor1')(routes.warnings.acknowledge, {
          params: { id: warning.id },
          body: { note: 'again' },
        }),
        409,
      );
      const resolved = expectOk(
        await as('supervisor1')(routes.warnings.resolve, {
          params: { id: warning.id },
          body: { note: '当事人已教育放行，不构成阻碍执法' },
        }),
      );
      expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: `user:${ids.supervisor1}` });
      // The condition still holds, but a person settled these facts.
      expect(await openWarnings('unfiled_obstruction', incident.id)).toEqual([]);
      const all = expectOk(
        await as('admin')(routes.warnings.list, { query: { status: 'all', model: 'unfiled_obstruction' } }),
      );
      expect(
        all.warnings.filter((w) => w.refs.some((r) => r.id === incident.id)).map((w) => w.status),
      ).toEqual(['resolved']);
      const audit = await rt.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('target', '=', `warning:${warning.id}`)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'warning.fired',
        'warning.acknowledged',
        'warning.resolved',
      ]);
    });

    it('fires live through the job after a change, to the warnings room only', async () => {
      const supervisor = await connectConsole(rt.url, cookies.supervisor1 ?? '');
      const dispatcher = await connectConsole(rt.url, cookies.dispatcher1 ?? '');
      const heard = recordEvents(supervisor, 'warnings:v1:changed');
      const overheard = recordEvents(dispatcher, 'warnings:v1:changed');
      try {
        // A case entered 20 days after receipt: the change itself queues the evaluation.
        const late = await newCase({ receivedAt: new Date(Date.now() - 20 * 24 * HOUR).toISOString() });
        const event = await waitFor(
          () => heard.find((e) => e.kind === 'fired' && e.warning.refs.some((r) => r.id === late.id)),
          30_000,
        );
        expect(event.warning.model).toBe('deadline_overdue');
        expect(overheard).toEqual([]);
      } finally {
        supervisor.disconnect();
        dispatcher.disconnect();
      }
    });

    it('lets an administrator change the thresholds (audited), and others not', async () => {
      const view = expectOk(await as('supervisor1')(routes.warnings.settings, {}));
      expect(view.version).toBe(0);
      expect(view.settings.repeatVictim).toEqual({ count: 3, windowDays: 90 });
      const settings = { ...view.settings, repeatVictim: { count: 4, windowDays: 60 } };
      expectError(await as('supervisor1')(routes.warnings.updateSettings, { body: { settings } }), 403);
      const saved = expectOk(await as('admin')(routes.warnings.updateSettings, { body: { settings } }));
      expect(saved).toMatchObject({
        version: 1,
        changedBy: `user:${ids.admin}`,
        settings: { repeatVictim: { count: 4 } },
      });
      const audit = await rt.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'warnings.settings_changed')
        .execute();
      expect(audit).toHaveLength(1);
      expectOk(await as('admin')(routes.warnings.updateSettings, { body: { settings: view.defaults } }));
    });

    it('counts firings by model for the periodic report', async () => {
      const counts = await countFiringsByModel(rt.database.db, {
        from: new Date(Date.now() - HOUR),
        to: new Date(Date.now() + HOUR),
      });
      expect(Object.keys(counts).sort()).toEqual([
        'deadline_due',
        'deadline_overdue',
        'repeat_victim',
        'slow_response',
        'suspected_downgrade',
        'unfiled_obstruction',
      ]);
      for (const model of [
        'unfiled_obstruction',
        'suspected_downgrade',
        'deadline_overdue',
        'slow_response',
      ] as const)
        expect(counts[model]).toBeGreaterThan(0);
      const none = await countFiringsByModel(rt.database.db, { from: new Date(0), to: new Date(1000) });
      expect(Object.values(none).every((n) => n === 0)).toBe(true);
    });
  },
);

function mob() {
  return {
    category: 'mob_obstruction' as const,
    source: 'call_110' as const,
    position: { lat: 25.8607, lng: 115.0116 },
    address: '赣县区 测试路 9 号',
  };
}
