import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { logger } from '../observability/logger';

/**
 * Shown instead of the console when `dist/client` has not been built (a fresh checkout started
 * with `npm start`): a person opening the URL learns what to do, not a JSON 404. Static and
 * bilingual, because the i18n bundle is part of what is missing.
 */
export const CONSOLE_NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shieldline · 控制台尚未构建 / console not built</title>
<style>
body { font: 16px/1.6 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #0f172a; color: #e2e8f0; margin: 0; }
main { max-width: 40rem; margin: 10vh auto; padding: 0 1.5rem; }
h1 { font-size: 1.4rem; margin-bottom: 0.25rem; }
section + section { border-top: 1px solid #334155; margin-top: 1.5rem; padding-top: 1rem; }
code { background: #1e293b; color: #fde68a; padding: 0.1rem 0.35rem; border-radius: 4px; }
</style>
</head>
<body>
<main>
<section>
<h1>民警执法权益维护指挥调度台：控制台尚未构建</h1>
<p>服务器已在运行，但没有找到控制台的前端文件（<code>dist/client</code>）。请在项目目录中执行 <code>npm run build</code>，完成后刷新本页，无需重启服务器。</p>
<p>体验演示数据请改用 <code>npm run demo</code>（自动构建并载入赣县区演示数据）。接口仍可使用：<code>/api/docs</code>、<code>/healthz</code>。</p>
</section>
<section lang="en">
<h1>Shieldline: the console has not been built</h1>
<p>The server is running, but the console's front-end files (<code>dist/client</code>) are missing. Run <code>npm run build</code> in the project directory, then reload this page; the server need not restart.</p>
<p>For the demo bureau use <code>npm run demo</code> (it builds, then seeds the 赣县区 demo). The API answers meanwhile: <code>/api/docs</code>, <code>/healthz</code>.</p>
</section>
</main>
</body>
</html>
`;

/**
 * Serves the built console from `clientDir`, and any other GET outside /api and /socket.io as
 * its index.html (a single-page app). Looked up per request, so a build made while the server
 * runs is served on the next reload.
 */
export function serveConsole(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ clientDir }, 'the console is not built: run `npm run build` (the page at / says so too)');
  }
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    if (fs.existsSync(index)) {
      res.sendFile(index);
      return;
    }
    res.status(503).type('html').set('Cache-Control', 'no-store').send(CONSOLE_NOT_BUILT_PAGE);
  });
}
