/**
 * The cookie-capture login window: no preload, sandboxed, a fresh in-memory session per attempt,
 * every permission denied, the step's user agent. It feeds what it sees into the CookieCapture and
 * closes by itself once the engine says the sign-in is complete; closing it early with everything
 * found submits too, otherwise the user falls back to the manual form. Its storage is wiped after.
 */
import { app, BrowserWindow, session, type Session, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import type { CookiesStep } from '../core/api/schemas.ts';
import type { Logger } from '../core/log.ts';
import { t } from '../core/i18n.ts';
import { CookieCapture } from '../policy/cookie-capture.ts';
import { captureTitle, captureUserAgent, isSecurePageURL, permissionDecision } from '../policy/security.ts';

export type CaptureResult = { status: 'complete'; values: Record<string, string>; lastURL: string | null } | { status: 'closed'; missing: string[] };

/**
 * Runs in an isolated world: reads localStorage without touching the page's own JavaScript, with the
 * address of the very document it read (the engine takes values only from pages in the step's scope).
 */
const READ_STORAGE = `(() => { const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return { url: location.href, entries: o }; })()`;
const ISOLATED_WORLD = 1337;

export function openCaptureWindow(step: CookiesStep, opts: { parent: BrowserWindow | null; log: Logger; timeoutMs?: number }): Promise<CaptureResult> {
  if (!isSecurePageURL(step.url)) return Promise.resolve({ status: 'closed', missing: ['a valid sign-in address'] });
  const engine = new CookieCapture(step, { onInvalidPattern: (pattern) => opts.log.warn('a capture pattern from Beeper Desktop cannot be used', { pattern }) });
  const partition = `capture-${randomUUID()}`; // no "persist:" prefix: in memory only
  const ses = captureSession(partition, step, engine);
  const win = lockedDownWindow(partition, step, opts.parent);
  return watchCapture({ step, engine, ses, win, log: opts.log, timeoutMs: opts.timeoutMs ?? 15 * 60_000 });
}

/** A fresh in-memory session: every permission denied, the step's user agent, request headers shown to the capture. */
function captureSession(partition: string, step: CookiesStep, engine: CookieCapture): Session {
  const ses = session.fromPartition(partition, { cache: false });
  ses.setPermissionRequestHandler((_wc, permission, cb) => cb(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.setUserAgent(captureUserAgent(step.userAgent, ses.getUserAgent()));
  ses.webRequest.onBeforeSendHeaders((details, cb) => {
    engine.onRequest(details.url, details.requestHeaders);
    cb({ requestHeaders: details.requestHeaders });
  });
  return ses;
}

/** The window: sandboxed, no preload, no new windows or webviews, only secure pages, the site's address as its title. */
function lockedDownWindow(partition: string, step: CookiesStep, parent: BrowserWindow | null): BrowserWindow {
  const win = new BrowserWindow({
    width: 520,
    height: 760,
    title: t('capture.title'),
    autoHideMenuBar: true,
    ...(parent ? { parent } : {}),
    webPreferences: {
      partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      // A sign-in page holds the user's cookies: no devtools in what people install.
      devTools: !app.isPackaged,
    },
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  wc.on('will-attach-webview', (e) => e.preventDefault());
  // Only web pages over https (plain http on loopback): no file:, no custom schemes that would
  // launch another app, no sign-in page in clear text.
  for (const ev of ['will-navigate', 'will-redirect'] as const) {
    wc.on(ev as 'will-navigate', (e, url) => {
      if (!isSecurePageURL(url)) e.preventDefault();
    });
  }
  // The title bar always says which site this is, whatever the page calls itself.
  win.on('page-title-updated', (e) => {
    e.preventDefault();
    showSite(win, step);
  });
  showSite(win, step);
  return win;
}

const showSite = (win: BrowserWindow, step: CookiesStep): void => {
  if (!win.isDestroyed()) win.setTitle(captureTitle(win.webContents.getURL() || step.url));
};

interface Capture {
  step: CookiesStep;
  engine: CookieCapture;
  ses: Session;
  win: BrowserWindow;
  log: Logger;
  timeoutMs: number;
}

/** Feeds the capture what the window sees (on each load and every half second) until it is complete, closed or too late. */
function watchCapture({ step, engine, ses, win, log, timeoutMs }: Capture): Promise<CaptureResult> {
  const wc = win.webContents;
  return new Promise<CaptureResult>((resolve) => {
    let done = false;
    let polling = false;
    /** extractJS runs once per page load, not on every poll. */
    let scriptDue = false;
    const finish = (result: CaptureResult): void => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(deadline);
      ses.webRequest.onBeforeSendHeaders(null);
      if (!win.isDestroyed()) win.destroy();
      ses
        .clearStorageData()
        .then(() => ses.clearCache())
        .catch((e: unknown) => log.warn('could not wipe the sign-in window’s storage', { error: e }));
      log.info('capture window finished', { status: result.status, found: result.status === 'complete' ? Object.keys(result.values) : [] });
      resolve(result);
    };
    const poll = async (): Promise<void> => {
      if (done || polling || win.isDestroyed()) return;
      polling = true;
      try {
        await readPage(wc, ses, engine, () => {
          if (!step.extractJS || !scriptDue) return null;
          scriptDue = false;
          return step.extractJS;
        });
        if (engine.isComplete()) finish({ status: 'complete', values: engine.values(), lastURL: engine.lastURL() });
      } catch (e) {
        log.debug('capture poll failed', { error: e });
      } finally {
        polling = false;
      }
    };
    const timer = setInterval(() => void poll(), 500);
    const deadline = setTimeout(() => finish({ status: 'closed', missing: engine.missing().map((f) => f.name) }), timeoutMs);
    for (const ev of ['did-navigate', 'did-navigate-in-page'] as const) {
      wc.on(ev as 'did-navigate', () => {
        showSite(win, step);
        void poll();
      });
    }
    wc.on('did-finish-load', () => {
      scriptDue = true;
      void poll();
    });
    win.on('close', () => {
      if (done) return;
      finish(engine.canSubmitOnClose() ? { status: 'complete', values: engine.values(), lastURL: engine.lastURL() } : { status: 'closed', missing: engine.missing().map((f) => f.name) });
    });
    // A page that fails to load stays open on its error: the user can close it and paste by hand.
    win.loadURL(step.url).catch((e: unknown) => log.warn('the sign-in page did not load', { error: e }));
  });
}

/** One look at the page: its address, the session's cookies, and (in scope) its storage and the step's script, if one is due. */
async function readPage(wc: WebContents, ses: Session, engine: CookieCapture, takeScript: () => string | null): Promise<void> {
  const url = wc.getURL();
  if (url) engine.onURL(url);
  engine.onCookies(await ses.cookies.get({}));
  if (!engine.inScope(url)) return;
  const storage = (await wc.executeJavaScriptInIsolatedWorld(ISOLATED_WORLD, [{ code: READ_STORAGE }])) as { url?: string; entries?: Record<string, string | null> } | null;
  engine.onStorage(storage?.entries ?? {}, storage?.url ?? null);
  const script = takeScript();
  if (!script) return;
  const result: unknown = await wc.executeJavaScriptInIsolatedWorld(ISOLATED_WORLD, [{ code: script }]);
  // Taken only if the page did not move on while the script ran.
  engine.onScriptResult(result, wc.getURL() === url ? url : null);
}
