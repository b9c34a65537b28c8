/** main/policy/security.ts: navigation, windows, permissions and external links. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
appOrigins,
captureTitle,
isAppURL,
isSecurePageURL,
RENDERER_CSP,
captureUserAgent,
isSafeExternalURL,
isTrustedSender,
navigationDecision,
permissionDecision,
windowOpenDecision,
} from '../../../main/policy/security.ts';

describe('security decisions', () => {
  const origins = appOrigins(null);

  it('keeps navigation inside the app; safe links go to the browser, others nowhere', () => {
    expect(navigationDecision('app://bundle/index.html#x', origins)).toEqual({ allow: true });
    expect(navigationDecision('https://example.com/help', origins)).toEqual({ allow: false, openExternally: 'https://example.com/help' });
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'app://evil/index.html', 'http://user:pw@example.com/', 'data:text/html,x', 'not a url']) {
      expect(navigationDecision(bad, origins)).toEqual({ allow: false, openExternally: null });
    }
    expect(navigationDecision('http://localhost:5173/', appOrigins('http://localhost:5173'))).toEqual({ allow: true });
  });

  it('a link with a user name, a password, or both never opens — each half checked on its own', () => {
    for (const url of ['https://user@example.com/', 'https://:pw@example.com/', 'https://user:pw@example.com/', 'http://u@localhost/']) expect(isSafeExternalURL(url), url).toBe(false);
    for (const url of ['https://example.com/', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM/']) expect(isSafeExternalURL(url), url).toBe(true);
    // Only http(s), and only with a host.
    for (const url of ['ftp://example.com/', 'ws://example.com/', 'https:', 'file://host/x']) expect(isSafeExternalURL(url), url).toBe(false);
  });

  it('knows the app by scheme and host, and the dev server by origin', () => {
    expect(isAppURL('app://bundle/x', origins)).toBe(true);
    expect(isAppURL('not a url', origins)).toBe(false);
    expect(isAppURL('app://other/x', origins)).toBe(false);
    expect(isAppURL('http://localhost:5173/', origins)).toBe(false);
    expect(appOrigins('not a url')).toEqual(['app://bundle']);
    expect(appOrigins('http://localhost:5173/src/')).toEqual(['app://bundle', 'http://localhost:5173']);
  });

  it('the capture window’s title names the site from the address: https by host, anything else with its scheme', () => {
    expect(captureTitle('https://accounts.google.com/signin?x=1')).toBe('Sign in · accounts.google.com');
    expect(captureTitle('http://127.0.0.1:9/a')).toBe('Sign in · http://127.0.0.1:9');
    expect(captureTitle('nonsense')).toBe('Sign in');
  });

  it('denies every new window, opening only safe links externally', () => {
    expect(windowOpenDecision('https://beeper.com')).toEqual({ action: 'deny', openExternally: 'https://beeper.com' });
    expect(windowOpenDecision('file:///x')).toEqual({ action: 'deny', openExternally: null });
    expect(isSafeExternalURL('mailto:a@b.c')).toBe(false);
  });

  it('denies every permission; only a clipboard write from the app itself is allowed', () => {
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(permissionDecision(p)).toBe(false);
      expect(permissionDecision(p, 'app://bundle', origins)).toBe(false);
    }
    expect(permissionDecision('clipboard-sanitized-write', 'app://bundle/index.html', origins)).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', 'https://evil.example', origins)).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write')).toBe(false); // the capture window: nothing
    expect(permissionDecision('clipboard-sanitized-write', 'not a url', origins)).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write', null, origins)).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write', 'app://bundle/index.html')).toBe(false); // no app origins named
  });

  it('trusts IPC only from the main window\'s top frame showing the app', () => {
    const ok = { webContentsID: 7, frameURL: 'app://bundle/index.html', isMainFrame: true };
    expect(isTrustedSender(ok, 7, origins)).toBe(true);
    expect(isTrustedSender({ ...ok, webContentsID: 8 }, 7, origins)).toBe(false); // another window (e.g. the capture window)
    expect(isTrustedSender({ ...ok, isMainFrame: false }, 7, origins)).toBe(false); // a subframe
    expect(isTrustedSender({ ...ok, frameURL: 'https://evil.example/' }, 7, origins)).toBe(false); // navigated away
    expect(isTrustedSender({ ...ok, frameURL: null }, 7, origins)).toBe(false);
    expect(isTrustedSender(ok, null, origins)).toBe(false); // no main window
  });

  it('uses the step\'s user agent, else Electron\'s without the Electron and app tokens', () => {
    const electronUA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) beeper-account-manager/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
    expect(captureUserAgent(null, electronUA)).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36');
    expect(captureUserAgent('Custom/1.0', electronUA)).toBe('Custom/1.0');
    // Tokens anywhere in the string, and the doubled spaces they leave, go; the rest stays as it was.
    expect(captureUserAgent(undefined, 'A  Electron/45.0 B beeper-account-manager/1.0  C')).toBe('A B C');
    expect(captureUserAgent('', 'Electron/45.0 X')).toBe('X');
    // A token right after another character goes alone; one at the very start goes too.
    expect(captureUserAgent(null, 'A(x)Electron/1.0 B')).toBe('A(x) B');
    expect(captureUserAgent(null, 'beeper-account-manager/1.0 Mozilla(x)beeper-account-manager/2.0 Y')).toBe('Mozilla(x) Y');
  });
});

describe('the renderer CSP, in the header and in index.html', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources.sort().join(' ')]));

  it('the page’s own meta policy says what the header says for every directive it names (two policies both apply)', () => {
    const html = readFileSync(path.join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = directives(RENDERER_CSP);
    for (const [name, sources] of directives(meta!)) expect(`${name} ${sources}`).toBe(`${name} ${header.get(name)}`);
  });

  it('states every lockdown directive: nothing by default, no framing, no plugins, no base or form targets', () => {
    const d = directives(RENDERER_CSP);
    expect(Object.fromEntries(['default-src', 'frame-ancestors', 'object-src', 'base-uri', 'form-action', 'script-src', 'connect-src'].map((k) => [k, d.get(k)]))).toEqual({
      'default-src': "'none'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'script-src': "'self'",
      'connect-src': "'self'",
    });
  });

  it('media (a captcha’s audio) only from data: and blob:, nothing remote', () => {
    expect(directives(RENDERER_CSP).get('media-src')).toBe('blob: data:');
    expect(directives(RENDERER_CSP).get('default-src')).toBe("'none'");
  });
});

describe('isSecurePageURL (the sign-in window)', () => {
  it('https with a host and no credentials; plain http only on loopback', () => {
    for (const url of ['https://discord.com/login', 'http://127.0.0.1:23373/__signin/x/', 'http://localhost:9/a', 'http://[::1]:9/a']) expect(isSecurePageURL(url), url).toBe(true);
    for (const url of ['http://discord.com/login', 'http://10.0.0.2/', 'https://user@discord.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'ms-settings:privacy', '']) expect(isSecurePageURL(url), url).toBe(false);
  });
});
