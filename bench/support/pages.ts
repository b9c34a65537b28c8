/** Builds a page with the renderer's own Vite settings, and serves a built folder to Chromium. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { build } from 'vite';
import { RENDERER_BUILD, rendererPlugins } from '../../scripts/renderer-build.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** As the app builds its renderer (scripts/renderer-build.ts). */
export async function buildPage(root: string, outDir: string, define: Record<string, string> = {}): Promise<string> {
  await build({ root, plugins: rendererPlugins(), logLevel: 'silent', define, build: { ...RENDERER_BUILD, outDir, emptyOutDir: true } });
  return outDir;
}

/** The JS and CSS files index.html loads before first paint. */
export function firstPaintAssets(dir: string): string[] {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2]!);
  return refs.map((r) => path.join(dir, r.replace(/^\.?\//, '')));
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Serves `dir` at `https://<host>/` to every page of the context. */
export async function serveFolder(context: BrowserContext, host: string, dir: string): Promise<string> {
  await context.route(`https://${host}/**`, (route) => {
    const rel = new URL(route.request().url()).pathname.replace(/^\/+/, '') || 'index.html';
    try {
      return route.fulfill({ status: 200, body: readFileSync(path.join(dir, rel)), headers: { 'content-type': TYPES[path.extname(rel)] ?? 'application/octet-stream' } });
    } catch {
      return route.fulfill({ status: 404, body: '' });
    }
  });
  return `https://${host}/`;
}
