import type { CaseApplicantView, Relation } from '@shared/domain/case';

/** The applicant as stored: whatever of name, relation, phone and unit the application gave. */
export interface StoredApplicant {
  kind: 'officer' | 'relative' | 'unit';
  name?: string | null;
  relation?: Relation | null;
  phone?: string | null;
  unitName?: string | null;
}

/** 张三丰 → 张**: enough to tell cases apart on a list, not enough to identify a relative. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskApplicant(a: StoredApplicant, userId: string | null, reveal: boolean): CaseApplicantView {
  const name = a.name ?? null;
  const phone = a.phone ?? null;
  return {
    kind: a.kind,
    name: name && !reveal ? maskName(name) : name,
    relation: a.relation ?? null,
    phone: phone && !reveal ? maskPhone(phone) : phone,
    // a unit is not personal data
    unitName: a.unitName ?? null,
    userId,
    masked: !reveal && (name !== null || phone !== null),
  };
}
