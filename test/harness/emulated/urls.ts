/** Custom schemes as Chromium pages see them: `app://bundle/x` is served at `https://bundle.app-scheme.test/x`. */

const SCHEME_SUFFIX = '-scheme.test';
/** Set by `npm run coverage`: where the preload's coverage in Chromium is written. */
export const COVERAGE_DIR = process.env['BAM_PRELOAD_COVERAGE_DIR'];

/** `app://bundle/x` → `https://bundle.app-scheme.test/x`, for each scheme the app registered. */
export function toPageURL(url: string, schemes: ReadonlySet<string>): string {
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1);
  if (!schemes.has(scheme)) return url;
  return `https://${u.host}.${scheme}${SCHEME_SUFFIX}${u.pathname}${u.search}${u.hash}`;
}

/** The inverse: what Electron would report as the frame's URL. */
export function toElectronURL(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const m = /^(.+)\.([a-z][a-z0-9+.-]*)-scheme\.test$/.exec(u.hostname);
  if (u.protocol !== 'https:' || !m) return url;
  return `${m[2]}://${m[1]}${u.pathname}${u.search}${u.hash}`;
}

export const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.cjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
