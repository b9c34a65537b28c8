/**
 * Every security decision of the Electron shell, as plain functions (Electron's security checklist:
 * isolation, sandbox, CSP, navigation and window-open lockdown, permissions, sender checks).
 */
import { isLoopbackHost } from '../core/api/loopback.ts';

/** The app is served from this privileged custom scheme in production. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The renderer's Content-Security-Policy: nothing remote, no inline script, no eval. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // A captcha step's <audio> attachment arrives as a data: URL: inline media only, nothing remote.
  'media-src data: blob:',
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The origins the main window may show: the bundled app, and the dev server in development. */
export function appOrigins(devServerURL: string | null | undefined): string[] {
  const origins = [APP_ORIGIN];
  // Stryker disable next-line ConditionalExpression: without a dev URL, new URL() throws and adds nothing all the same
  if (devServerURL) {
    try {
      origins.push(new URL(devServerURL).origin);
    } catch {
      // an unparsable dev URL adds nothing
    }
  }
  return origins;
}

export function isAppURL(url: string, origins: string[]): boolean {
  try {
    const u = new URL(url);
    // `app://bundle` has an opaque origin in URL; compare scheme and host instead.
    const origin = u.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${u.host}` : u.origin;
    return origins.includes(origin);
  } catch {
    return false;
  }
}

/** Links the user may open in the system browser: plain http(s), no credentials (an http(s) URL always has a host: the parser refuses one without). */
export function isSafeExternalURL(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** A page the sign-in window may show and read: https, or plain http only on loopback; no credentials in the URL. */
export function isSecurePageURL(url: string): boolean {
  if (!isSafeExternalURL(url)) return false;
  const u = new URL(url);
  return u.protocol === 'https:' || isLoopbackHost(u.hostname);
}

export type NavigationDecision = { allow: true } | { allow: false; openExternally: string | null };

/** will-navigate / will-redirect: stay inside the app; a safe outside link goes to the browser. */
export function navigationDecision(url: string, origins: string[]): NavigationDecision {
  if (isAppURL(url, origins)) return { allow: true };
  return { allow: false, openExternally: isSafeExternalURL(url) ? url : null };
}

/** setWindowOpenHandler: never a new Electron window; safe links open in the system browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isSafeExternalURL(url) ? url : null };
}

/**
 * Permission requests and checks (camera, notifications from pages, geolocation, …): no — except
 * writing to the clipboard (the "Copy code" button of a pairing code), and only for the app's own
 * page in the main window. Without `origin`/`origins` (the capture window) everything is refused.
 */
export function permissionDecision(permission: string, origin?: string | null, origins?: string[]): boolean {
  return permission === 'clipboard-sanitized-write' && origins !== undefined && isAppURL(origin ?? '', origins);
}

export interface IpcSenderFacts {
  /** webContents.id of the sender. */
  webContentsID: number;
  /** The URL of the sending frame (senderFrame.url). */
  frameURL: string | null;
  /** Whether the sending frame is the top frame of its page. */
  isMainFrame: boolean;
}

/** An IPC message is trusted only from the main window's own top frame, showing the app. */
export function isTrustedSender(s: IpcSenderFacts, mainWebContentsID: number | null, origins: string[]): boolean {
  return s.webContentsID === mainWebContentsID && s.isMainFrame && isAppURL(s.frameURL ?? '', origins);
}

/** The capture window's user agent: the step's own, else Electron's without the tokens that give it away. */
export function captureUserAgent(stepUserAgent: string | null | undefined, electronUserAgent: string): string {
  if (stepUserAgent) return stepUserAgent;
  return electronUserAgent
    .replace(/\s?Electron\/\S+/g, '')
    .replace(/\s?beeper-account-manager\/\S+/gi, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The capture window's title: which site the user is signing in to, from the address, not the page. */
export function captureTitle(url: string): string {
  try {
    const u = new URL(url);
    return `Sign in · ${u.protocol === 'https:' ? '' : `${u.protocol}//`}${u.host}`;
  } catch {
    return 'Sign in';
  }
}
