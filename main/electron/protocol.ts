/**
 * Serves the packaged renderer from `app://bundle/`, a standard secure scheme, with the strict CSP
 * as a real header. Only files inside the renderer folder are served.
 */
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from '../policy/security.ts';

/**
 * Must run before the app is ready. `codeCache`: V8 keeps the window's compiled code between
 * windows and runs, as it does for https (a custom scheme needs it said, with `standard`): a window
 * made again from the tray does not compile its code again.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Resolves a request path to a file inside `root`, or null when it would leave it. */
export function resolveAppFile(root: string, requestURL: string): string | null {
  let rel: string;
  try {
    const u = new URL(requestURL);
    if (u.host !== APP_HOST) return null;
    rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return null; // a malformed URL or % escape: nothing to serve
  }
  if (rel.includes('\0')) return null;
  const file = path.resolve(root, rel);
  // A file strictly inside the folder: never the folder itself (`.%2f`), never outside it.
  return file.startsWith(root + path.sep) ? file : null;
}

export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
