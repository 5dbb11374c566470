import { paths } from '@shared/api/routes';
import { z } from 'zod';

const OpenApiDoc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** Every operation the server documents, as `GET /api/v1/incidents/:id` would be written in Express. */
export async function openApiOperations(baseUrl: string): Promise<{ method: string; path: string }[]> {
  // One retry: on a loaded machine a pooled keep-alive socket can be reset as it is reused.
  const res = await fetch(`${baseUrl}${paths.openapi}`).catch(() => fetch(`${baseUrl}/api/openapi.json`));
  const doc = OpenApiDoc.parse(await res.json());
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, ':$1'),
    })),
  );
}
