import type { RouteContract } from '@shared/api/contract';
import { routes } from '@shared/api/routes';
import fc from 'fast-check';
import { z } from 'zod';
import {
  deeplyNestedText,
  hostileJson,
  hostileScalar,
  hostileString,
  malformedText,
  prototypePollutingText,
} from './hostileValues';

/** Every route of the shared table, named as the access matrix names it. */
export function everyRoute(): { name: string; contract: RouteContract }[] {
  return Object.values(routes).flatMap((group) =>
    Object.values(group as Record<string, RouteContract>).map((contract) => ({
      name: `${contract.method.toUpperCase()} ${contract.path}`,
      contract,
    })),
  );
}

/** The field names a schema knows, so hostile values land where a handler would look. */
export function knownKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  try {
    const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as {
      properties?: Record<string, unknown>;
      anyOf?: { properties?: Record<string, unknown> }[];
      oneOf?: { properties?: Record<string, unknown> }[];
    };
    const variants = [json, ...(json.anyOf ?? []), ...(json.oneOf ?? [])];
    return [...new Set(variants.flatMap((v) => Object.keys(v.properties ?? {})))];
  } catch {
    return [];
  }
}

/** An object with the schema's own keys holding hostile values, plus the odd stranger. */
function shapedHostile(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
  const keys = knownKeys(schema);
  if (keys.length === 0) return hostileJson;
  return fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, hostileJson])), { requiredKeys: [] }),
      fc.dictionary(hostileString, hostileScalar, { maxKeys: 2 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent refuses lone surrogates: those are sent as the invalid UTF-8 a client could send. */
function encodePathValue(value: string): string {
  return value
    .split(LONE_SURROGATE)
    .map((part) => encodeURIComponent(part))
    .join('%ED%A0%80');
}

export interface HostileRequest {
  url: string;
  method: string;
  contentType: string | undefined;
  body: string | undefined;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  undefined,
] as const;

/** A hostile request aimed at one route: path, query, body and content type all generated. */
export function hostileRequest(contract: RouteContract): fc.Arbitrary<HostileRequest> {
  const paramNames = [...contract.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const params = fc.tuple(
    ...paramNames.map(() =>
      fc.oneof(
        fc.uuid(),
        hostileString.filter((s) => s.length < 2_000),
        fc.integer().map(String),
      ),
    ),
  );
  const queryKeys = knownKeys(contract.query);
  const query = fc.dictionary(
    fc.oneof(
      fc.constantFrom(...(queryKeys.length ? queryKeys : ['q'])),
      fc.constantFrom('__proto__', 'a[b]', 'x'),
    ),
    fc.oneof(
      hostileString.filter((s) => s.length < 2_000),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    ),
    { maxKeys: 4 },
  );
  const hasBody = contract.method !== 'get' && contract.method !== 'delete';
  const body: fc.Arbitrary<string | undefined> = hasBody
    ? fc.oneof(
        { weight: 4, arbitrary: shapedHostile(contract.body).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: deeplyNestedText },
        { weight: 1, arbitrary: prototypePollutingText },
        { weight: 1, arbitrary: malformedText },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.constant(undefined);
  return fc
    .record({ params, query, body, contentType: fc.constantFrom(...CONTENT_TYPES) })
    .map(({ params: values, query: q, body: text, contentType }) => {
      let i = 0;
      const path = contract.path.replace(/:(\w+)/g, () => encodePathValue(String(values[i++] ?? '')));
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(q))
        for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
      const qs = search.toString();
      return {
        url: qs ? `${path}?${qs}` : path,
        method: contract.method.toUpperCase(),
        contentType: hasBody ? contentType : undefined,
        body: text,
      };
    });
}
