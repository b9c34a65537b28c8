/**
 * The cookie-capture engine, fed cookie fields in each shape a server may send (the SDK's flat
 * `{id, name?, type?}`, flat with extras, bridgev2's `sources[]`) through the app's own schema.
 */
import { describe, expect, it } from 'vitest';
import { CookieFieldSchema, type CookieField } from '../../../main/core/api/schemas.ts';
import { CookieCapture, FINAL_PAGE_GRACE_MS, siteOf } from '../../../main/policy/cookie-capture.ts';

const fields = (raw: unknown[]): CookieField[] => raw.map((f) => CookieFieldSchema.parse(f));

/** A clock the test moves. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('capture engine', () => {
  const step = (raw: unknown[], extra: { expectedFinalURLRegex?: string; extractJS?: string } = { expectedFinalURLRegex: '^https://x/home', extractJS: 'x' }) => ({
    url: 'https://x/login',
    fields: fields(raw),
    ...extra,
  });
  const rich = step([
    { id: 'c', required: true, sources: [{ type: 'cookie', name: 'sid', cookieDomain: 'x' }] },
    { id: 'h', required: true, sources: [{ type: 'request_header', name: 'X-Token', requestURLRegex: '/api/' }] },
    { id: 's', required: true, sources: [{ type: 'local_storage', name: 'conf' }] },
    { id: 'j', required: true, pattern: '^xo-', sources: [{ type: 'special', name: 'special.token' }] },
    { id: 'o', required: false, sources: [{ type: 'cookie', name: 'opt' }] },
  ]);

  it('collects each field from its source and completes only on the final page', () => {
    const e = new CookieCapture(rich);
    e.onURL('https://x/login');
    e.onCookies([{ name: 'sid', value: 'abc', domain: '.x' }, { name: 'other', value: '1' }]);
    e.onRequest('https://x/static/app.js', { 'X-Token': 'ignored: wrong URL' });
    e.onRequest('https://x/api/me', { 'x-token': 'tok' });
    e.onStorage({ conf: '{"a":1}' }, 'https://x/login');
    e.onScriptResult({ j: 'wrong-format' }, 'https://x/login');
    expect(e.missing().map((f) => f.id)).toEqual(['j']);
    e.onScriptResult({ 'special.token': 'xo-123' }, 'https://x/login');
    expect(e.canSubmitOnClose()).toBe(true);
    expect(e.isComplete()).toBe(false); // not on the final page yet
    e.onURL('https://x/home?tab=1');
    expect(e.isComplete()).toBe(true);
    expect(e.values()).toEqual({ c: 'abc', h: 'tok', s: '{"a":1}', j: 'xo-123' });
    expect(e.lastURL()).toBe('https://x/home?tab=1');
  });

  it('a source’s cookieDomain scopes the cookies it reads; empty values do not count; the script runs once per URL', () => {
    const e = new CookieCapture(rich);
    e.onCookies([{ name: 'sid', value: 'abc', domain: 'evil.example' }, { name: 'opt', value: '  ' }]);
    expect(e.values()).toEqual({});
    e.onCookies([{ name: 'sid', value: 'good', domain: 'login.x' }]);
    expect(e.values()).toEqual({ c: 'good' });
    expect(e.shouldRunScript('https://x/a')).toBe(true);
    expect(e.shouldRunScript('https://x/a')).toBe(false);
    expect(e.shouldRunScript('https://x/b')).toBe(true);
  });

  it('a cookie that does not say where it lives is never taken; a blank one on the right site is not a value', () => {
    const e = new CookieCapture(rich);
    e.onCookies([{ name: 'opt', value: 'no-domain' }, { name: 'sid', value: 'no-domain-either' }]);
    expect(e.values()).toEqual({});
    e.onCookies([{ name: 'opt', value: '  ', domain: 'x' }]);
    expect(e.values()).toEqual({});
    e.onCookies([{ name: 'opt', value: 'v', domain: '.x' }]);
    expect(e.values()).toEqual({ o: 'v' });
  });

  it('closing the window submits only when every required value was found; extractJS can run again on the same page when asked', () => {
    const e = new CookieCapture(rich);
    e.onCookies([{ name: 'sid', value: 'abc', domain: 'x' }]);
    e.onRequest('https://x/api/me', { 'x-token': 'tok' });
    e.onStorage({ conf: '{}' }, 'https://x/login');
    expect(e.canSubmitOnClose()).toBe(false); // j is still missing
    expect(e.missing().map((f) => f.id)).toEqual(['j']);
    e.onScriptResult({ 'special.token': 'xo-1' }, 'https://x/login');
    expect(e.canSubmitOnClose()).toBe(true);
    expect(e.shouldRunScript('https://x/a')).toBe(true);
    e.forgetScriptRun('https://x/a');
    expect(e.shouldRunScript('https://x/a')).toBe(true);
    expect(new CookieCapture(step([{ id: 'a', name: 'a', type: 'cookie' }], {})).shouldRunScript('https://x/a')).toBe(false); // no extractJS
  });

  it('any one source suffices', () => {
    const e = new CookieCapture(step([{ id: 'tok', required: true, sources: [{ type: 'cookie', name: 'tok' }, { type: 'local_storage', name: 'token' }] }]));
    e.onStorage({ token: 'from-storage' }, 'https://x/home');
    e.onURL('https://x/home');
    expect(e.isComplete()).toBe(true);
    expect(e.values()).toEqual({ tok: 'from-storage' });
  });

  it('fills a special source from extractJS by the field ID or by the source name (Slack’s token)', () => {
    const byName = new CookieCapture(step([{ id: 'auth_token', name: 'fi.mau.slack.auth_token', pattern: '^xoxc-' }]));
    byName.onScriptResult({ 'fi.mau.slack.auth_token': 'xoxc-1' }, 'https://x/home');
    expect(byName.values()).toEqual({ auth_token: 'xoxc-1' });
    const byID = new CookieCapture(step([{ id: 'auth_token', required: true, sources: [{ type: 'special', name: 'fi.mau.slack.auth_token' }] }]));
    byID.onScriptResult({ auth_token: 'xoxc-2' }, 'https://x/home');
    expect(byID.values()).toEqual({ auth_token: 'xoxc-2' });
  });

  it('SDK shape (no required flags): Google’s optional cookie does not block once the final page is reached', () => {
    const t = clock();
    const google = step(
      ['SID', 'HSID', '__Secure-1PSIDTS'].map((name) => ({ id: name, name, type: 'cookie' })),
      { expectedFinalURLRegex: '^https://x/messages' },
    );
    const e = new CookieCapture(google, { now: t.now });
    e.onCookies([
      { name: 'SID', value: 's', domain: 'x' },
      { name: 'HSID', value: 'h', domain: '.x' },
    ]);
    e.onURL('https://x/signin');
    expect(e.missing().map((f) => f.id)).toEqual(['__Secure-1PSIDTS']);
    expect(e.isComplete()).toBe(false);
    e.onURL('https://x/messages/web/config');
    // The final page may still be setting cookies: a moment's grace first.
    expect(e.isComplete()).toBe(false);
    t.advance(FINAL_PAGE_GRACE_MS);
    expect(e.isComplete()).toBe(true);
    expect(e.values()).toEqual({ SID: 's', HSID: 'h' });
  });

  it('a field the server marks required blocks even on the final page; one it marks optional never does', () => {
    const t = clock();
    const e = new CookieCapture(step([{ id: 'a', name: 'a', type: 'cookie', required: true }, { id: 'b', name: 'b', type: 'cookie', required: false }]), { now: t.now });
    e.onURL('https://x/home');
    t.advance(FINAL_PAGE_GRACE_MS * 10);
    expect(e.isComplete()).toBe(false);
    e.onCookies([{ name: 'a', value: '1', domain: 'x' }]);
    expect(e.isComplete()).toBe(true);
  });

  it('with no final URL named, a field of unknown need stays needed; nothing found never completes', () => {
    const e = new CookieCapture(step([{ id: 'a', name: 'a', type: 'cookie' }], {}));
    expect(e.isComplete()).toBe(false);
    expect(e.canSubmitOnClose()).toBe(false);
    e.onCookies([{ name: 'a', value: '1', domain: 'x' }]);
    expect(e.isComplete()).toBe(true);
  });

  it('a source without its own scope reads only the sign-in page’s site: no other site’s cookies or requests', () => {
    const slack = {
      url: 'https://app.slack.com/signin',
      fields: fields([
        { id: 'd', name: 'd', type: 'cookie' },
        { id: 'h', name: 'X-Team', type: 'header' },
      ]),
    };
    const e = new CookieCapture(slack);
    e.onCookies([{ name: 'd', value: 'tracker', domain: '.ads.example' }]);
    e.onRequest('https://ads.example/pixel', { 'x-team': 'leaked' });
    expect(e.values()).toEqual({});
    e.onCookies([{ name: 'd', value: 'xoxd-1', domain: '.slack.com' }]);
    e.onRequest('https://edgeapi.slack.com/api/x', { 'x-team': 'T1' });
    expect(e.values()).toEqual({ d: 'xoxd-1', h: 'T1' });
  });

  it('the sign-in page’s site is its registrable domain; an IP address is itself', () => {
    expect(siteOf('app.slack.com')).toBe('slack.com');
    expect(siteOf('.www.instagram.com')).toBe('instagram.com');
    expect(siteOf('a.b.co.uk')).toBe('b.co.uk');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('the step’s scope: nothing a third-party page shows is captured', () => {
  const discord = {
    url: 'https://discord.com/login',
    expectedFinalURLRegex: 'discord\\.com/channels/@me',
    extractJS: 'x',
    fields: fields([{ id: 'token', required: true, sources: [{ type: 'local_storage', name: 'token' }, { type: 'special', name: 'token' }] }]),
  };

  it('a value from https://evil.example never completes a discord.com sign-in: not from localStorage, extractJS or a final-URL look-alike', () => {
    const e = new CookieCapture(discord);
    e.onURL('https://evil.example/discord.com/channels/@me');
    e.onStorage({ token: 'planted' }, 'https://evil.example/discord.com/channels/@me');
    e.onScriptResult({ token: 'planted' }, 'https://evil.example/');
    expect(e.values()).toEqual({});
    expect(e.urlMatches()).toBe(false);
    // A page in scope: captured, and its final URL counts.
    e.onURL('https://discord.com/channels/@me');
    e.onStorage({ token: 'real' }, 'https://discord.com/channels/@me');
    expect(e.values()).toEqual({ token: 'real' });
    expect(e.isComplete()).toBe(true);
  });

  it('a final URL reached, then left for a third-party page, no longer counts', () => {
    const e = new CookieCapture(discord);
    e.onStorage({ token: 'real' }, 'https://discord.com/app');
    e.onURL('https://discord.com/channels/@me');
    expect(e.isComplete()).toBe(true);
    e.onURL('https://evil.example/?u=discord.com/channels/@me');
    expect(e.isComplete()).toBe(false);
  });

  it('a script result without a page address (the page moved on while it ran) is not taken', () => {
    const e = new CookieCapture(discord);
    e.onScriptResult({ token: 'real' }, null);
    e.onStorage({ token: 'real' }, null);
    expect(e.values()).toEqual({});
  });

  it('scope: the sign-in page’s site and its subdomains, and each source’s cookieDomain; over https, or http on loopback', () => {
    const e = new CookieCapture({
      url: 'https://app.slack.com/signin',
      fields: fields([{ id: 'd', required: true, sources: [{ type: 'cookie', name: 'd', cookieDomain: '.slack-edge.com' }] }]),
    });
    for (const url of ['https://slack.com/', 'https://app.slack.com/client', 'https://edge.slack.com/x', 'https://slack-edge.com/a', 'https://a.slack-edge.com/b']) expect(e.inScope(url), url).toBe(true);
    for (const url of [
      'http://app.slack.com/client', // clear text
      'https://slack.com.evil.example/',
      'https://evilslack.com/',
      'https://notslack-edge.com/',
      'https://accounts.google.com/o/oauth2', // an identity provider on the way: passed through, not read
      'https://user:pw@app.slack.com/',
      'file:///etc/passwd',
      'not a url',
      null,
    ])
      expect(e.inScope(url), String(url)).toBe(false);
    const local = new CookieCapture({ url: 'http://127.0.0.1:4000/__signin/slack/', fields: [] });
    expect(local.inScope('http://127.0.0.1:4000/__signin/slack/home')).toBe(true);
    expect(local.inScope('http://127.0.0.2:4000/x')).toBe(false);
  });

  it('a request sent to a site out of scope is not read, even when the server’s URL filter matches it', () => {
    const e = new CookieCapture({
      url: 'https://www.instagram.com/accounts/login/',
      fields: fields([{ id: 'app', required: true, sources: [{ type: 'request_header', name: 'X-IG-App-ID', requestURLRegex: '/api/v1/' }] }]),
    });
    e.onRequest('https://evil.example/api/v1/x', { 'X-IG-App-ID': 'planted' });
    expect(e.values()).toEqual({});
    e.onRequest('https://i.instagram.com/api/v1/x', { 'X-IG-App-ID': '936619743392459' });
    expect(e.values()).toEqual({ app: '936619743392459' });
  });
});

describe('capture engine, edge by edge', () => {
  const f = (raw: unknown[]): CookieField[] => raw.map((x) => CookieFieldSchema.parse(x));

  it('a site is compared in lower case, for names the public-suffix list does not know too', () => {
    expect(siteOf('App.Slack.COM')).toBe('slack.com');
    expect(siteOf('MyHost')).toBe('myhost');
  });

  it('a cookie domain with or without its leading dot, and a cookie set for a parent domain, match', () => {
    const e = new CookieCapture({
      url: 'https://app.slack.com/',
      fields: f([
        { id: 'a', required: true, sources: [{ type: 'cookie', name: 'a', cookieDomain: 'slack.com' }] },
        { id: 'b', required: true, sources: [{ type: 'cookie', name: 'b', cookieDomain: 'app.slack.com' }] },
      ]),
    });
    e.onCookies([{ name: 'a', value: '1', domain: 'slack.com' }, { name: 'b', value: '2', domain: '.slack.com' }]);
    expect(e.values()).toEqual({ a: '1', b: '2' });
    const scoped = new CookieCapture({ url: 'https://x.example/', fields: f([{ id: 'c', sources: [{ type: 'cookie', name: 'c', cookieDomain: 'Other.Example' }] }]) });
    expect(scoped.inScope('https://other.example/x')).toBe(true);
    expect(scoped.inScope('https://a.other.example/x')).toBe(true);
  });

  it('each kind of source reads only its own kind: a cookie named like a storage key is not that key', () => {
    const e = new CookieCapture({ url: 'https://x/', fields: f([{ id: 's', required: true, sources: [{ type: 'local_storage', name: 'token' }] }]) });
    e.onCookies([{ name: 'token', value: 'from-a-cookie', domain: 'x' }]);
    e.onRequest('https://x/api', { token: 'from-a-header' });
    expect(e.values()).toEqual({});
    e.onStorage({}, 'https://x/'); // a key that is not there
    e.onStorage({ token: 'from-storage' }, 'https://x/');
    expect(e.values()).toEqual({ s: 'from-storage' });
  });

  it('a request in scope by a cookie domain, but not on the sign-in site, is read only by a source with its own URL filter', () => {
    const e = new CookieCapture({
      url: 'https://x.example/login',
      fields: f([
        { id: 'c', sources: [{ type: 'cookie', name: 'c', cookieDomain: 'api.example' }] },
        { id: 'plain', required: true, sources: [{ type: 'request_header', name: 'X-A' }] },
        { id: 'filtered', required: true, sources: [{ type: 'request_header', name: 'X-B', requestURLRegex: '^https://api\\.example/' }] },
      ]),
    });
    e.onRequest('https://api.example/v1', { 'X-A': 'a', 'X-B': 'b' });
    expect(e.values()).toEqual({ filtered: 'b' });
    e.onRequest('https://x.example/v1', { 'X-A': 'a2' });
    expect(e.values()).toEqual({ filtered: 'b', plain: 'a2' });
  });

  it('extractJS: a special source is found by its own name, never another source’s; odd results are ignored', () => {
    const e = new CookieCapture({ url: 'https://x/', extractJS: 'x', fields: f([{ id: 'a', required: true, sources: [{ type: 'cookie', name: 'tok' }, { type: 'special', name: 'js.tok' }] }]) });
    e.onScriptResult({ tok: 'the-cookie-name-is-not-a-script-result' }, 'https://x/');
    e.onScriptResult(null, 'https://x/');
    e.onScriptResult({ a: 42 }, 'https://x/');
    e.onScriptResult('a string', 'https://x/');
    expect(e.values()).toEqual({});
    e.onScriptResult({ 'js.tok': 'v' }, 'https://x/');
    expect(e.values()).toEqual({ a: 'v' });
  });

  it('nothing found never completes, even when every field is optional and the final page is reached', () => {
    const t = clock();
    const e = new CookieCapture({ url: 'https://x/', expectedFinalURLRegex: '^https://x/home', fields: f([{ id: 'o', required: false, sources: [{ type: 'cookie', name: 'o' }] }]) }, { now: t.now });
    e.onURL('https://x/home');
    t.advance(FINAL_PAGE_GRACE_MS);
    expect([e.isComplete(), e.canSubmitOnClose()]).toEqual([false, false]);
  });

  it('the final page’s grace counts only while the page stays on it, in scope', () => {
    const t = clock();
    const e = new CookieCapture({ url: 'https://x/', expectedFinalURLRegex: 'x/home', fields: f([{ id: 'a', name: 'a', type: 'cookie' }, { id: 'b', name: 'b', type: 'cookie' }]) }, { now: t.now });
    e.onCookies([{ name: 'a', value: '1', domain: 'x' }]);
    e.onURL('https://x/home');
    t.advance(FINAL_PAGE_GRACE_MS - 1);
    e.onURL('https://x/elsewhere'); // left before the grace ran out
    e.onURL('https://x/home');
    t.advance(FINAL_PAGE_GRACE_MS - 1);
    expect(e.missing().map((x) => x.id)).toEqual(['b']);
    t.advance(1);
    expect(e.missing()).toEqual([]);
    // An out-of-scope page whose address matches the pattern starts no grace.
    const o = new CookieCapture({ url: 'https://x/', expectedFinalURLRegex: 'x/home', fields: f([{ id: 'b', name: 'b', type: 'cookie' }]) }, { now: t.now });
    o.onURL('https://evil.example/x/home');
    t.advance(FINAL_PAGE_GRACE_MS * 2);
    expect(o.missing().map((x) => x.id)).toEqual(['b']);
  });

  it('without a final URL, reaching any page changes nothing; an unreadable sign-in address has no site', () => {
    const e = new CookieCapture({ url: 'https://x/', fields: f([{ id: 'a', name: 'a', type: 'cookie' }]) });
    e.onURL('https://x/anything');
    expect(e.urlMatches()).toBe(true);
    expect(e.missing().map((x) => x.id)).toEqual(['a']);
    const broken = new CookieCapture({ url: 'not a url', fields: f([{ id: 'a', name: 'a', type: 'cookie' }]) });
    broken.onCookies([{ name: 'a', value: '1', domain: 'x' }]);
    expect(broken.values()).toEqual({});
    expect(broken.inScope('https://x/')).toBe(false);
  });
});
