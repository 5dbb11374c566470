import { describe, expect, it } from 'vitest';
import { CreateAlertRequest } from '../api/alert';
import { LoginRequest } from '../api/auth';
import { DispatchRequest } from '../api/dispatch';
import { ErrorBody } from '../api/error';
import { ResumeRequest } from '../events/socketEvents';
import { StreamEvent } from '../events/streamEvent';
import { Assignment } from './assignment';
import { AuditEntry } from './audit';
import { InfringementCategory } from './category';
import { Department, DepartmentId } from './department';
import { GeoPoint } from './geo';
import { Incident } from './incident';
import { DepartmentTask } from './task';
import { Unit } from './unit';
import { User } from './user';

const uuid = '3f1c1b7e-9a57-4c41-9e0a-6b2f8f5d2a10';
const now = '2026-11-23T08:00:00.000Z';

const incident = {
  id: uuid,
  reference: 'GX-20261123-0001',
  category: 'violent_attack',
  status: 'new',
  priority: 1,
  source: 'sos_button',
  position: { lat: 25.86, lng: 115.01, accuracyM: 8 },
  address: null,
  occurredAt: now,
  officers: [{ userId: uuid }, { name: '辅警 李明' }],
  injured: true,
  vehicleInvolved: false,
  onRoad: false,
  ongoing: true,
  mediaAttention: false,
  contentUrls: [],
  description: '',
  raisedByUserId: null,
  raisedByUnitId: null,
  acknowledgedByUserId: null,
  intervals: {
    raisedAt: now,
    acknowledgedAt: null,
    firstEnRouteAt: null,
    firstOnSceneAt: null,
    controlledAt: null,
  },
  unackedStep: null,
  pagedUnitIds: [],
  checkInDueAt: null,
  updatedAt: now,
  version: 1,
};

const unit = {
  id: uuid,
  callSign: 'GX-P01',
  departmentId: 'command_center',
  kind: 'patrol_car',
  status: 'available',
  position: null,
};

describe('shared schemas accept what is valid and reject what is not', () => {
  it('infringement categories: the ten of 第十一条', () => {
    expect(InfringementCategory.options).toHaveLength(10);
    expect(InfringementCategory.safeParse('doxxing').success).toBe(false);
  });

  it('departments', () => {
    expect(Department.safeParse({ id: 'cyber', name: '网安大队', webhookUrl: null }).success).toBe(true);
    expect(Department.safeParse({ id: 'cyber', name: '', webhookUrl: null }).success).toBe(false);
    expect(DepartmentId.safeParse('fire_brigade').success).toBe(false);
  });

  it('geo points stay on the globe', () => {
    expect(GeoPoint.safeParse({ lat: 25.86, lng: 115.01 }).success).toBe(true);
    expect(GeoPoint.safeParse({ lat: 91, lng: 0 }).success).toBe(false);
    expect(GeoPoint.safeParse({ lat: 0, lng: 0, accuracyM: -1 }).success).toBe(false);
  });

  it('incidents', () => {
    expect(Incident.safeParse(incident).success).toBe(true);
    expect(Incident.safeParse({ ...incident, status: 'resolved' }).success).toBe(false);
    expect(Incident.safeParse({ ...incident, priority: 0 }).success).toBe(false);
    expect(Incident.safeParse({ ...incident, officers: [{ name: '' }] }).success).toBe(false);
  });

  it('units', () => {
    expect(Unit.safeParse(unit).success).toBe(true);
    expect(Unit.safeParse({ ...unit, status: 'busy' }).success).toBe(false);
    expect(Unit.safeParse({ ...unit, callSign: 'GX P01' }).success).toBe(false);
    expect(Unit.safeParse({ ...unit, position: { lat: 25.8, lng: 115, at: 'yesterday' } }).success).toBe(
      false,
    );
  });

  it('assignments and department tasks', () => {
    const assignment = {
      id: uuid,
      incidentId: uuid,
      unitId: uuid,
      status: 'pending',
      dispatchedByUserId: null,
      dispatchedAt: now,
      updatedAt: now,
    };
    expect(Assignment.safeParse(assignment).success).toBe(true);
    expect(Assignment.safeParse({ ...assignment, status: 'lost' }).success).toBe(false);
    const task = {
      id: uuid,
      incidentId: uuid,
      departmentId: 'rights_office',
      kind: 'register_case',
      status: 'queued',
      article: '第十三条',
      ackDeadline: now,
      escalationLevel: 0,
      createdAt: now,
      updatedAt: now,
    };
    expect(DepartmentTask.safeParse(task).success).toBe(true);
    expect(DepartmentTask.safeParse({ ...task, escalationLevel: -1 }).success).toBe(false);
  });

  it('users are bound to a unit or a department by role', () => {
    const base = { id: uuid, username: 'GX-P01', displayName: '张伟', unitId: null, departmentId: null };
    expect(User.safeParse({ ...base, role: 'dispatcher' }).success).toBe(true);
    expect(User.safeParse({ ...base, role: 'field_officer' }).success).toBe(false);
    expect(User.safeParse({ ...base, role: 'field_officer', unitId: uuid }).success).toBe(true);
    expect(User.safeParse({ ...base, role: 'department_staff' }).success).toBe(false);
    expect(User.safeParse({ ...base, role: 'root' }).success).toBe(false);
    expect(User.safeParse({ ...base, role: 'dispatcher', username: 'no spaces' }).success).toBe(false);
  });

  it('audit entries', () => {
    const entry = {
      id: 1,
      at: now,
      actor: 'user:x',
      action: 'auth.login',
      target: null,
      outcome: 'success',
      requestId: null,
      details: {},
      prevHash: '0',
      hash: 'a',
    };
    expect(AuditEntry.safeParse(entry).success).toBe(true);
    expect(AuditEntry.safeParse({ ...entry, outcome: 'maybe' }).success).toBe(false);
  });

  it('alert requests need a position or an address and fill sensible defaults', () => {
    const parsed = CreateAlertRequest.parse({
      category: 'mob_obstruction',
      source: 'call_110',
      address: '梅林镇',
    });
    expect(parsed).toMatchObject({ injured: false, ongoing: true, officers: [], contentUrls: [] });
    const missing = CreateAlertRequest.safeParse({ category: 'mob_obstruction', source: 'call_110' });
    expect(missing.success).toBe(false);
    expect(CreateAlertRequest.safeParse({ category: 'x', source: 'call_110', address: 'a' }).success).toBe(
      false,
    );
    expect(
      CreateAlertRequest.safeParse({
        category: 'privacy_violation',
        source: 'officer_report',
        address: 'a',
        contentUrls: ['javascript:alert(1)'],
      }).success,
    ).toBe(false);
  });

  it('requests and envelopes', () => {
    expect(LoginRequest.safeParse({ username: 'a', password: '' }).success).toBe(false);
    expect(DispatchRequest.safeParse({ unitIds: [] }).success).toBe(false);
    expect(ResumeRequest.safeParse({ sinceSeq: -1 }).success).toBe(false);
    expect(ErrorBody.safeParse({ error: { code: 'forbidden', message: 'no' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ error: { code: 'teapot', message: 'no' } }).success).toBe(false);
    expect(
      StreamEvent.safeParse({ seq: 1, eventId: 1, at: now, topic: 'incident', data: incident }).success,
    ).toBe(true);
    expect(
      StreamEvent.safeParse({ seq: 1, eventId: 1, at: now, topic: 'unit', data: incident }).success,
    ).toBe(false);
  });
});
