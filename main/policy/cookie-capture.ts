/**
 * Cookie capture, independent of Electron. The capture window (or, in tests, Playwright
 * driving Chromium) feeds it what the browser sees — cookies, request headers, localStorage
 * entries, navigations and the results of the step's extractJS — and it decides which field values
 * are found and when the sign-in is complete (docs/beeper-desktop-api.md, "Cookie steps").
 *
 * Fields come normalised (`CookieField`, whatever shape the server sent): any one of a field's
 * sources suffices; a `cookieDomain` or `requestURLRegex` scopes what a source reads, and a source
 * without one reads only the sign-in page's own site (its registrable domain, e.g. `slack.com`
 * for `app.slack.com`): never any other site's cookies or requests. `special` sources are filled
 * from extractJS's result.
 *
 * Values read from a page — localStorage, extractJS results — and the final-URL match count only
 * while the page is inside the step's scope: the hosts of its sources' `cookieDomain`s and the sign-in
 * page's site, over https (plain http only on loopback). Sign-ins pass through identity providers
 * (Slack's and Google's SSO), and a page can link anywhere: nothing from those pages is taken.
 * Requests count only when sent to an address in scope.
 *
 * When a field is needed is `cookieFieldNeed`'s rule; once the page reaches `expectedFinalURLRegex`,
 * what was found is submitted and the server decides.
 */
import { getDomain } from 'tldts';
import { cookieFieldNeed, type CookieField, type CookieSource } from '../core/api/schemas.ts';
import { compilePattern, type Pattern } from '../core/patterns.ts';
import { isSecurePageURL } from './security.ts';

export interface CaptureStep {
  url: string;
  fields: CookieField[];
  expectedFinalURLRegex?: string | null | undefined;
  extractJS?: string | null | undefined;
}

export interface SeenCookie {
  name: string;
  value: string;
  domain?: string | undefined;
}

/** How long the final page is given to set its last cookies before fields of unknown need are given up. */
export const FINAL_PAGE_GRACE_MS = 1_500;

/** A host's registrable domain (`app.slack.com` → `slack.com`); an IP address or a bare host is itself. */
export function siteOf(host: string): string {
  const h = host.replace(/^\./, '').toLowerCase();
  return getDomain(h) ?? h;
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};

/** A cookie domain matches like the browser does: exact host, or a subdomain of a leading-dot domain. */
function domainMatches(cookieDomain: string, wanted: string): boolean {
  const c = cookieDomain.replace(/^\./, '').toLowerCase();
  const w = wanted.replace(/^\./, '').toLowerCase();
  return c === w || c.endsWith(`.${w}`) || w.endsWith(`.${c}`);
}

export class CookieCapture {
  private readonly step: CaptureStep;
  private readonly found = new Map<string, string>();
  private readonly finalURL: Pattern | null;
  private readonly patterns = new Map<string, Pattern | null>();
  private readonly urlFilters = new Map<CookieSource, Pattern | null>();
  private readonly scriptRunFor = new Set<string>();
  private url: string | null = null;
  /** When the page first reached the final URL (ms), or null. */
  private finalSince: number | null = null;
  private readonly now: () => number;
  /** The sign-in page's site: what a source without its own scope may read. */
  private readonly site: string | null;
  /** The sources' cookie domains: with the site, the pages values may come from. */
  private readonly domains: string[];

  /** `onInvalidPattern` hears once of each pattern that cannot be compiled (it then counts as none). */
  constructor(step: CaptureStep, opts: { now?: () => number; onInvalidPattern?: (source: string) => void } = {}) {
    this.step = step;
    const compile = (source: string | null | undefined): Pattern | null => compilePattern(source, opts.onInvalidPattern);
    this.finalURL = compile(step.expectedFinalURLRegex);
    this.now = opts.now ?? Date.now;
    const host = hostOf(step.url);
    this.site = host ? siteOf(host) : null;
    for (const f of step.fields) {
      this.patterns.set(f.id, compile(f.pattern));
      for (const s of f.sources) this.urlFilters.set(s, compile(s.requestURLRegex));
    }
    const named = step.fields.flatMap((f) => f.sources.map((s) => s.cookieDomain)).filter((d): d is string => Boolean(d));
    this.domains = [...new Set(named.map((d) => d.replace(/^\./, '').toLowerCase()))];
  }

  /** A page (or request) address inside the step's scope, over https or on loopback. */
  inScope(url: string | null | undefined): boolean {
    if (!url || !isSecurePageURL(url)) return false;
    const host = hostOf(url)!.toLowerCase();
    return this.onSignInSite(host) || this.domains.some((d) => host === d || host.endsWith(`.${d}`));
  }

  /** A host (or cookie domain) on the sign-in page's own site. siteOf never answers null: with no site, nothing is. */
  private onSignInSite(host: string): boolean {
    return siteOf(host) === this.site;
  }

  private accept(field: CookieField, raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value || this.found.has(field.id)) return;
    const pattern = this.patterns.get(field.id);
    if (pattern && !pattern.test(value)) return; // e.g. a logged-out placeholder cookie
    this.found.set(field.id, value);
  }

  /** Each source of the given kinds, with its field. */
  private *sources(...types: CookieSource['type'][]): Generator<[CookieField, CookieSource]> {
    for (const f of this.step.fields) for (const s of f.sources) if (types.includes(s.type)) yield [f, s];
  }

  onURL(url: string): void {
    this.url = url;
    const atFinal = this.finalURL !== null && this.inScope(url) && this.finalURL.test(url);
    if (!atFinal) this.finalSince = null;
    else this.finalSince ??= this.now();
  }

  onCookies(cookies: SeenCookie[]): void {
    for (const [f, s] of this.sources('cookie')) {
      const c = cookies.find((k) => k.name === s.name && this.cookieInScope(k, s));
      if (c) this.accept(f, c.value);
    }
  }

  /** The source's own domain when it names one, else the sign-in page's site. */
  private cookieInScope(cookie: SeenCookie, source: CookieSource): boolean {
    if (!cookie.domain) return false; // a browser's cookie store always says where a cookie lives
    if (source.cookieDomain) return domainMatches(cookie.domain, source.cookieDomain);
    return this.onSignInSite(cookie.domain);
  }

  onRequest(url: string, headers: Record<string, string>): void {
    if (!this.inScope(url)) return;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const sameSite = this.onSignInSite(hostOf(url)!);
    for (const [f, s] of this.sources('request_header')) {
      const only = this.urlFilters.get(s);
      // A filter the server gave decides; without one (or one that cannot be compiled), only the sign-in page's site.
      if (only ? !only.test(url) : !sameSite) continue;
      this.accept(f, lower[s.name.toLowerCase()]);
    }
  }

  /** The localStorage of the page at `pageURL` (ignored outside the step's scope). */
  onStorage(entries: Record<string, string | null>, pageURL: string | null): void {
    if (!this.inScope(pageURL)) return;
    for (const [f, s] of this.sources('local_storage')) this.accept(f, entries[s.name]);
  }

  /** The resolved value of extractJS on the page at `pageURL`: an object of field IDs, or special source names, to values. */
  onScriptResult(result: unknown, pageURL: string | null): void {
    // Stryker disable next-line ConditionalExpression: a string or number result has no string fields to find either
    if (!result || typeof result !== 'object' || !this.inScope(pageURL)) return;
    const r = result as Record<string, unknown>;
    for (const f of this.step.fields) {
      const special = f.sources.find((s) => s.type === 'special' && typeof r[s.name] === 'string');
      const v = r[f.id] ?? (special ? r[special.name] : undefined);
      if (typeof v === 'string') this.accept(f, v);
    }
  }

  /** extractJS runs once per URL the window reaches. */
  shouldRunScript(url: string): boolean {
    if (!this.step.extractJS || this.scriptRunFor.has(url)) return false;
    this.scriptRunFor.add(url);
    return true;
  }

  /** Whether to try extractJS again on the same page (values may appear after load). */
  forgetScriptRun(url: string): void {
    this.scriptRunFor.delete(url);
  }

  values(): Record<string, string> {
    return Object.fromEntries(this.found);
  }

  /** Fields still needed now (see the module comment). */
  missing(): CookieField[] {
    const pastFinal = this.finalSince !== null && this.now() - this.finalSince >= FINAL_PAGE_GRACE_MS;
    return this.step.fields.filter((f) => !this.found.has(f.id) && (cookieFieldNeed(f) === 'always' || (cookieFieldNeed(f) === 'until-final-page' && !pastFinal)));
  }

  lastURL(): string | null {
    return this.url;
  }

  urlMatches(): boolean {
    return this.finalURL === null || (this.inScope(this.url) && this.finalURL.test(this.url!));
  }

  /** Done by itself: nothing still needed and something found, on the final page when one is named. */
  isComplete(): boolean {
    return this.found.size > 0 && this.missing().length === 0 && this.urlMatches();
  }

  /** When the user closes the window: submit if nothing is still needed and something was found. */
  canSubmitOnClose(): boolean {
    return this.found.size > 0 && this.missing().length === 0;
  }
}
