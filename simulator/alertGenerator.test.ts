import { CreateAlertRequest } from '@shared/api/alert';
import { isApplicationCategory, ON_SCENE_CATEGORIES } from '@shared/domain/category';
import { describe, expect, it } from 'vitest';
import { generateAlert } from './alertGenerator';
import { DISTRICT_CENTRE, insideDistrict } from './district';
import { distanceM } from './geo';
import { createRand } from './random';

describe('simulated alerts', () => {
  const rand = createRand(42);
  const now = new Date('2026-11-23T08:00:00Z');
  const alerts = Array.from({ length: 1000 }, () => generateAlert(rand, { near: DISTRICT_CENTRE, now }));

  it('are all valid requests for POST /api/v1/alerts', () => {
    for (const alert of alerts) {
      const parsed = CreateAlertRequest.safeParse(alert);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('are mostly on-scene violence, some online harm with URLs, injured sometimes', () => {
    const share = (f: (a: CreateAlertRequest) => boolean) => alerts.filter(f).length / alerts.length;
    expect(share((a) => ON_SCENE_CATEGORIES.has(a.category))).toBeGreaterThan(0.7);
    expect(share((a) => (a.contentUrls?.length ?? 0) > 0)).toBeGreaterThan(0.05);
    expect(share((a) => a.injured === true)).toBeGreaterThan(0.1);
    expect(share((a) => a.injured === true)).toBeLessThan(0.5);
    // Every category but the applications (wrongful_discipline, malicious_complaint), which are never alarms.
    expect(new Set(alerts.map((a) => a.category)).size).toBe(8);
    expect(alerts.some((a) => isApplicationCategory(a.category))).toBe(false);
    expect(new Set(alerts.map((a) => a.source)).size).toBe(5);
  });

  it('puts on-scene alerts inside the district near the officer, and rammings on the road', () => {
    for (const alert of alerts) {
      if (alert.position) {
        expect(insideDistrict(alert.position)).toBe(true);
        expect(distanceM(alert.position, DISTRICT_CENTRE)).toBeLessThan(400);
      } else {
        expect(alert.address).toMatch(/\S{2,}/);
      }
      if (alert.category === 'vehicle_ramming')
        expect(alert).toMatchObject({ onRoad: true, vehicleInvolved: true });
      // Every one says it is simulated; URLs never point at a real site.
      expect(alert.description).toContain('模拟');
      for (const url of alert.contentUrls ?? []) expect(new URL(url).hostname).toMatch(/\.example$/);
    }
  });
});
