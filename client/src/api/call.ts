import type { ContractInput, ContractOutput, RouteContract } from '@shared/api/contract';
import { urlFor } from '@shared/api/contract';
import { z } from 'zod';
import { type RequestOptions, request } from './http';

const NoBody = z.undefined().or(z.unknown().transform(() => undefined));

/**
 * Calls one route of the shared table (`call(routes.alerts.raise, { body, headers })`): the
 * path is built and encoded from the contract, the answer checked against its response schema.
 */
export function call<const C extends RouteContract>(
  contract: C,
  input: ContractInput<C>,
  options: Omit<RequestOptions, 'body' | 'headers'> = {},
): Promise<ContractOutput<C>> {
  const { params, query, body, headers } = input as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
    headers?: Record<string, string | undefined>;
  };
  const url = urlFor(contract, params, query);
  const schema = (contract.response ?? NoBody) as z.ZodType<ContractOutput<C>>;
  return request(contract.method.toUpperCase() as Uppercase<C['method']>, url, schema, {
    ...options,
    body,
    headers,
  });
}
