/**
 * `npm start` serves the dashboard from dist/web; on a fresh clone nothing has built it yet, so
 * the first start builds it (Vite, a few seconds) and later starts reuse it. Vite is a
 * development dependency: where it is missing (a production image pruned of dev dependencies,
 * whose Dockerfile builds the dashboard itself) the API serves GraphQL alone and says so.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config.js';
import type { Logger } from './logger.js';
import type { build as viteBuild } from 'vite';

export async function ensureDashboardBuilt(webRoot: string | null, logger: Logger): Promise<void> {
  if (webRoot === null || existsSync(path.join(webRoot, 'index.html'))) return;
  const configFile = path.join(PROJECT_ROOT, 'web', 'vite.config.ts');
  if (!existsSync(configFile) || path.resolve(webRoot) !== path.join(PROJECT_ROOT, 'dist', 'web')) {
    logger.warn({ webRoot }, 'dashboard not found at WEB_ROOT: serving GraphQL only');
    return;
  }
  let build: typeof viteBuild;
  try {
    ({ build } = await import('vite'));
  } catch {
    logger.warn('dashboard not built and Vite is not installed (npm install, then npm run build): serving GraphQL only');
    return;
  }
  logger.info('building the dashboard (first start only)…');
  const started = performance.now();
  await build({ configFile, logLevel: 'warn' });
  logger.info({ ms: Math.round(performance.now() - started) }, 'dashboard built into dist/web');
}
