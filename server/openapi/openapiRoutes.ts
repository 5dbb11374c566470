import { createHash } from 'node:crypto';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { paths } from '@shared/api/routes';
import type { Router } from 'express';
import type { AppContext } from '../context';

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'sl_session',
  });
  registry.registerComponent('securitySchemes', 'deviceKey', { type: 'http', scheme: 'bearer' });
  return registry;
}

const DOCS_SCRIPT = `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const ops=document.getElementById('ops');ops.textContent='';
  for(const [path,item] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(item)){
    const d=document.createElement('details');const s=document.createElement('summary');
    const m=document.createElement('span');m.className='m '+method;m.textContent=method.toUpperCase();
    s.append(m,' ',path,' — ',op.summary||'');d.append(s);
    const p=document.createElement('p');p.textContent=op.description||'';d.append(p);
    const pre=document.createElement('pre');pre.textContent=JSON.stringify({request:op.requestBody,parameters:op.parameters,responses:op.responses},null,2);d.append(pre);
    ops.append(d);}}
}).catch(e=>{document.getElementById('ops').textContent='Could not load the document: '+e});`;

/** The page's one script is allowed by its hash, not by 'unsafe-inline'. */
const DOCS_SCRIPT_HASH = `'sha256-${createHash('sha256').update(DOCS_SCRIPT).digest('base64')}'`;

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shieldline API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#0d1117;color:#e6edf3}
main{max-width:1000px;margin:auto;padding:24px}h1{font-size:22px}code{background:#161b22;padding:1px 4px;border-radius:4px}
details{border:1px solid #30363d;border-radius:6px;margin:8px 0;padding:8px 12px;background:#161b22}
summary{cursor:pointer}.m{display:inline-block;min-width:56px;font-weight:700}.get{color:#58a6ff}.post{color:#3fb950}
.put,.patch{color:#d29922}.delete{color:#f85149}pre{white-space:pre-wrap;font-size:12px;color:#c9d1d9}</style></head>
<body><main><h1>Shieldline API</h1><p>Machine-readable: <a style="color:#58a6ff" href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, generated from the zod schemas).</p>
<div id="ops">Loading…</div></main>
<script>${DOCS_SCRIPT}</script></body></html>`;

export function registerOpenApiRoutes(router: Router, ctx: AppContext): void {
  let cached: object | undefined;
  router.get(paths.openapi, (_req, res) => {
    cached ??= new OpenApiGeneratorV31(ctx.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Shieldline API',
        version: '1',
        description: '民警执法权益维护指挥调度台 — command-center dispatch for officers in distress',
      },
    });
    res.json(cached);
  });
  router.get(paths.apiDocs, (_req, res) => {
    res.setHeader(
      'content-security-policy',
      `default-src 'self'; script-src ${DOCS_SCRIPT_HASH}; style-src 'unsafe-inline'; frame-ancestors 'self'; object-src 'none'`,
    );
    res.type('html').send(DOCS_PAGE);
  });
}
