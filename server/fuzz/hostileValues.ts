import fc from 'fast-check';

/**
 * The values an attacker or a broken gateway sends: wrong types, unicode edges, injection
 * strings, numbers at the edges of IEEE-754, and names that reach into Object.prototype.
 */
const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\u200B',
  '𠮷野家',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻ͬ',
  "'; DROP TABLE incidents; --",
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '00000000-0000-4000-8000-000000000000',
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
] as const;

const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
] as const;

export const hostileString = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 10, arbitrary: fc.string({ unit: 'grapheme', maxLength: 32 }) },
  // Oversized: past every field's max (a few thousand) or about the body limit (64 KiB and over). Rare per string, because a body
  // has many strings: at equal weight most bodies were over the limit, and the 413 path (the same
  // for every route) took most of the long form's time.
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer({ min: 1_000, max: 8_000 }), fc.integer({ min: 60_000, max: 300_000 }))
      .map((n) => 'x'.repeat(n)),
  },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON value, with hostile leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A JSON text nested far deeper than any schema: [[[[…]]]] or {"a":{"a":…}}. */
export const deeplyNestedText = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/**
 * Keys that pollute a prototype when a parser or a merge copies them naively; written as raw
 * text because JSON.stringify would drop a real __proto__.
 */
export const prototypePollutingText = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 8 }))
  .map(
    ([key, name]) =>
      `{"${key}":{"polluted":${JSON.stringify(name)},"prototype":{"polluted":true}},"constructor":{"prototype":{"polluted":true}}}`,
  );

/** Text that is not JSON at all, or JSON cut short. */
export const malformedText = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    'undefined',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    'NaN',
    '1e99999',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
