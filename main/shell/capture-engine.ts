/**
 * The cookie-capture engine, independent of Electron. The capture window (or, in tests, Playwright
 * driving Chromium) feeds it what the browser sees — cookies, request headers, localStorage
 * entries, navigations and the results of the step's extractJS — and it decides which field values
 * are found and when the sign-in is complete: every required field found and, when the step says
 * so, the URL matching expectedFinalURLRegex (reference §3.5, §4.3).
 */

export interface CaptureField {
  id: string;
  /** Cookie name, header name or localStorage key; for `special`, a name extractJS may return. */
  name: string;
  source: 'cookie' | 'header' | 'local_storage' | 'special';
  required: boolean;
  pattern?: string | null | undefined;
  cookieDomain?: string | null | undefined;
  requestURLRegex?: string | null | undefined;
}

export interface CaptureStep {
  url: string;
  fields: CaptureField[];
  expectedFinalURLRegex?: string | null | undefined;
  extractJS?: string | null | undefined;
}

export interface SeenCookie {
  name: string;
  value: string;
  domain?: string | undefined;
}

function compile(pattern: string | null | undefined): RegExp | null {
  if (!pattern) return null;
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/** A cookie domain matches like the browser does: exact host, or a subdomain of a leading-dot domain. */
function domainMatches(cookieDomain: string | undefined, wanted: string | null | undefined): boolean {
  if (!wanted || !cookieDomain) return true;
  const c = cookieDomain.replace(/^\./, '').toLowerCase();
  const w = wanted.replace(/^\./, '').toLowerCase();
  return c === w || c.endsWith(`.${w}`) || w.endsWith(`.${c}`);
}

export class CaptureEngine {
  private readonly step: CaptureStep;
  private readonly found = new Map<string, string>();
  private readonly finalURL: RegExp | null;
  private readonly scriptRunFor = new Set<string>();
  private url: string | null = null;

  constructor(step: CaptureStep) {
    this.step = step;
    this.finalURL = compile(step.expectedFinalURLRegex);
  }

  private accept(field: CaptureField, raw: string | null | undefined): void {
    const value = raw?.trim();
    if (!value) return;
    const pattern = compile(field.pattern);
    if (pattern && !pattern.test(value)) return; // e.g. a logged-out placeholder cookie
    this.found.set(field.id, value);
  }

  onURL(url: string): void {
    this.url = url;
  }

  onCookies(cookies: SeenCookie[]): void {
    for (const f of this.step.fields) {
      if (f.source !== 'cookie') continue;
      const c = cookies.find((k) => k.name === f.name && domainMatches(k.domain, f.cookieDomain));
      if (c) this.accept(f, c.value);
    }
  }

  onRequest(url: string, headers: Record<string, string>): void {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const f of this.step.fields) {
      if (f.source !== 'header') continue;
      const only = compile(f.requestURLRegex);
      if (only && !only.test(url)) continue;
      this.accept(f, lower[f.name.toLowerCase()]);
    }
  }

  onStorage(entries: Record<string, string | null>): void {
    for (const f of this.step.fields) if (f.source === 'local_storage') this.accept(f, entries[f.name]);
  }

  /** The resolved value of extractJS: an object of field IDs (or names) to values. */
  onScriptResult(result: unknown): void {
    if (!result || typeof result !== 'object') return;
    const r = result as Record<string, unknown>;
    for (const f of this.step.fields) {
      const v = r[f.id] ?? r[f.name];
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

  missing(): CaptureField[] {
    return this.step.fields.filter((f) => f.required && !this.found.has(f.id));
  }

  lastURL(): string | null {
    return this.url;
  }

  urlMatches(): boolean {
    return this.finalURL === null || (this.url !== null && this.finalURL.test(this.url));
  }

  /** Done by itself: all required values found, on the final page when one is named. */
  isComplete(): boolean {
    return this.missing().length === 0 && this.urlMatches();
  }

  /** When the user closes the window: submit if every required value was found. */
  canSubmitOnClose(): boolean {
    return this.missing().length === 0;
  }
}
