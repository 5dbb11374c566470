import { z } from 'zod';

const OpenApiDoc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** Every operation the server documents, as `GET /api/v1/incidents/:id` would be written in Express. */
export async function openApiOperations(baseUrl: string): Promise<{ method: string; path: string }[]> {
  const doc = OpenApiDoc.parse(await (await fetch(`${baseUrl}/api/openapi.json`)).json());
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, ':$1'),
    })),
  );
}
