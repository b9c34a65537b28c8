/**
 * Login sessions (docs/beeper-desktop-api.md §3): one state machine per session, several at once on different
 * bridges.
 *
 *   start ──► user_input | cookies | display_and_wait ──submit──► next step … ──► complete | failed | cancelled
 *
 * A `display_and_wait` step runs a long-poll loop: submit, render what comes back (a new QR or
 * code replaces the shown one), submit again, until the step changes or the session ends. Cancel
 * aborts the in-flight request first, then DELETEs the session. Failures arrive on two channels —
 * an HTTP error, or a 200 session with `status: failed` — and both end up as the same `failed`
 * view. A step or session status this app does not know (a newer Beeper Desktop) is shown as
 * "finish this in Beeper Desktop" with Cancel, while the engine keeps checking whether the session
 * moves on to something it knows. Whenever a session fails on this side, it is cancelled on the
 * server too: no session is left running there.
 *
 * Values the user typed, cookies and codes pass straight through to the API and are never kept.
 */
import { randomBytes } from 'node:crypto';
import type { SessionView } from '../../../preload/contract/views.ts';
import type { BeeperApi, SubmitBody } from '../api/client.ts';
import { cookieFieldNeed, type CookiesStep, type DisplayStep, type LoginSession } from '../api/schemas.ts';
import { identityOf } from '../accounts/model.ts';
import { AppError, kindOfCode, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { isFetchableImageURL, safeImageDataURL } from '../api/images.ts';
import { displayKey, stepView } from './session-view.ts';
import { prepareInput } from './typed-input.ts';

export interface StartRequest {
  bridgeID: string;
  flowID?: string | undefined;
  loginID?: string | undefined;
  accountID?: string | undefined;
}

export interface SessionEngineDeps {
  api: () => BeeperApi | null;
  log: Logger;
  bridgeName: (bridgeID: string) => string;
  /** A session completed: refresh accounts. */
  onComplete: (session: SessionView) => void;
  /** Fetches an image (the emoji to tap) and returns it as a data: URL, or null. */
  fetchImage?: (url: string) => Promise<string | null>;
  /** How often a session showing a step this app does not know is checked for progress. */
  unsupportedPollMs?: number;
  /** The long-poll's pace while nothing changes (see `nextInterval`). */
  pacing?: Partial<Pacing>;
}

/**
 * Nothing in the API promises that `display_and_wait` holds the request until something changes.
 * While answers bring nothing new, polls start at least `interval` apart, the interval doubling from
 * `initialMs` to `maxMs`; anything new (a rotated QR, another step) resets it, so a new code is still
 * asked for at once. A server that answers at once is then asked about 12 times a minute.
 */
export interface Pacing {
  initialMs: number;
  maxMs: number;
}
export const DEFAULT_PACING: Pacing = { initialMs: 500, maxMs: 5_000 };

export const nextInterval = (interval: number, changed: boolean, p: Pacing): number => (changed ? 0 : interval === 0 ? p.initialMs : Math.min(p.maxMs, interval * 2));

/** Errors on the long-poll that say nothing about the session: check it, then keep waiting. */
const TRANSIENT: ReadonlySet<AppError['kind']> = new Set(['network', 'server_error', 'rate_limited']);

type Phase = SessionView['phase'];
const TERMINAL: ReadonlySet<Phase> = new Set(['complete', 'failed', 'cancelled']);

class Live {
  readonly id = `ses_${randomBytes(9).toString('base64url')}`;
  readonly startedAt = new Date().toISOString();
  updatedAt = this.startedAt;
  remote: LoginSession | null = null;
  phase: Phase = 'starting';
  busy = false;
  stepError: AppError | null = null;
  error: AppError | null = null;
  result: SessionView['result'] = null;
  revision = 0;
  shownDisplay: string | null = null;
  emojiImage: { url: string; dataURL: string | null; loading: boolean } | null = null;
  abort: AbortController | null = null;
  waiting = false;
  closing = false;
  recheck: NodeJS.Timeout | null = null;
  /** The long-poll's pause between polls: cleared, and the loop woken, when the session ends. */
  pause: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  readonly request: StartRequest;
  readonly bridgeName: string;

  constructor(request: StartRequest, bridgeName: string) {
    this.request = request;
    this.bridgeName = bridgeName;
  }

  get terminal(): boolean {
    return TERMINAL.has(this.phase);
  }
}

export class SessionEngine {
  private readonly sessions = new Map<string, Live>();
  private readonly deps: SessionEngineDeps;
  private readonly changed = new Set<(s: SessionView) => void>();
  private readonly removed = new Set<(id: string) => void>();

  constructor(deps: SessionEngineDeps) {
    this.deps = deps;
  }

  onChange(l: (s: SessionView) => void): () => void {
    this.changed.add(l);
    return () => this.changed.delete(l);
  }

  onRemove(l: (id: string) => void): () => void {
    this.removed.add(l);
    return () => this.removed.delete(l);
  }

  list(): SessionView[] {
    return [...this.sessions.values()].map((s) => this.view(s));
  }

  get(id: string): SessionView {
    return this.view(this.live(id));
  }

  /** The raw cookies step of a session, for the shell's capture window (it needs url, extractJS, userAgent). */
  cookiesStep(id: string): CookiesStep {
    const s = this.live(id);
    const step = s.phase === 'cookies' ? s.remote!.currentStep : undefined;
    if (step?.type !== 'cookies') throw new AppError('invalid_request', 'This login is not waiting for a browser sign-in.');
    return step;
  }

  private live(id: string): Live {
    const s = this.sessions.get(id);
    if (!s) throw new AppError('not_found', 'That login attempt is no longer open.');
    return s;
  }

  private api(): BeeperApi {
    const api = this.deps.api();
    if (!api) throw new AppError('not_running', 'Beeper Desktop is not connected.');
    return api;
  }

  private emit(s: Live): void {
    s.updatedAt = new Date().toISOString();
    const v = this.view(s);
    for (const l of this.changed) l(v);
  }

  // ---------------------------------------------------------------- start

  async start(req: StartRequest): Promise<SessionView> {
    // One live session per bridge: the same request again returns it (a double click); a different
    // one replaces it (the user went back and chose another flow or account).
    for (const other of this.sessions.values()) {
      if (other.request.bridgeID !== req.bridgeID || other.terminal) continue;
      const same = other.request.flowID === req.flowID && other.request.loginID === req.loginID && other.request.accountID === req.accountID;
      if (same) return this.view(other);
      await this.cancel(other.id);
    }
    const s = new Live(req, this.deps.bridgeName(req.bridgeID));
    this.sessions.set(s.id, s);
    this.emit(s);
    const body: { flowID?: string; loginID?: string; accountID?: string } = {};
    if (req.flowID) body.flowID = req.flowID;
    if (req.loginID) body.loginID = req.loginID;
    if (req.accountID) body.accountID = req.accountID;
    s.abort = new AbortController();
    try {
      const remote = await this.api().createSession(req.bridgeID, body, s.abort.signal);
      s.abort = null;
      if (s.closing) {
        // Cancelled while being created: end it on the server too.
        void this.deleteRemote(s, remote.loginSessionID);
        return this.view(s);
      }
      this.apply(s, remote);
    } catch (e) {
      s.abort = null;
      const err = toAppError(e, 'submit');
      // Created, but its answer could not be read: it exists on the server all the same.
      if (err.loginSessionID) void this.deleteRemote(s, err.loginSessionID);
      this.fail(s, err); // nothing, if it was cancelled meanwhile
    }
    return this.view(s);
  }

  // ---------------------------------------------------------------- applying server state

  private apply(s: Live, remote: LoginSession): void {
    if (s.closing) return;
    s.remote = remote;
    s.stepError = null;
    switch (remote.status) {
      case 'complete':
        this.complete(s, remote);
        return;
      case 'cancelled':
        this.settle(s, 'cancelled');
        return;
      case 'failed': {
        const e = remote.error;
        this.fail(s, new AppError(kindOfCode(e?.code) ?? 'unknown', e?.message.trim() || 'The login failed.', { code: e?.code }), 'ended-on-server');
        return;
      }
    }
    const step = remote.currentStep;
    if (!step) {
      if (remote.status === 'unknown') this.unsupported(s, remote);
      else this.fail(s, new AppError('invalid_response', 'Beeper Desktop did not say what the next login step is.'));
      return;
    }
    switch (step.type) {
      case 'user_input':
        s.phase = 'user_input';
        break;
      case 'cookies':
        s.phase = 'cookies';
        break;
      case 'display_and_wait': {
        s.phase = 'display_and_wait';
        const key = displayKey(step);
        if (key !== s.shownDisplay) {
          s.shownDisplay = key;
          s.revision++;
        }
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a display without a picture URL loads none either way
        if (step.display.type === 'emoji' && step.display.imageURL) this.loadEmoji(s, step.display.imageURL);
        void this.waitLoop(s);
        break;
      }
      case 'complete':
        this.complete(s, remote);
        return;
      case 'unknown':
        this.unsupported(s, remote);
        return;
    }
    this.emit(s);
  }

  /**
   * A step or status this app does not know: the screen says to finish in Beeper Desktop (or
   * cancel), and the session is checked now and then in case it moves on to something known.
   */
  private unsupported(s: Live, remote: LoginSession): void {
    if (s.phase !== 'unsupported') {
      const step = remote.currentStep;
      this.deps.log.warn('login session reached a step this app cannot show', {
        bridgeID: s.request.bridgeID,
        status: remote.rawStatus,
        stepType: step?.type === 'unknown' ? step.rawType : step?.type,
      });
    }
    s.phase = 'unsupported';
    this.emit(s);
    s.recheck = setTimeout(() => void this.recheck(s, remote.loginSessionID), this.deps.unsupportedPollMs ?? 3_000);
    // Stryker disable next-line CallExpression: not observable in a test; keeps the timer from holding the process open
    s.recheck.unref();
  }

  /** Runs only while the session shows an unknown step: Cancel and every end stop its timer first. */
  private async recheck(s: Live, remoteID: string): Promise<void> {
    s.recheck = null;
    try {
      this.apply(s, await this.api().getSession(s.request.bridgeID, remoteID));
    } catch (e) {
      // Stryker disable next-line StringLiteral: equivalent, 'session' differs from the default only in a 404, which '' reads the same way
      this.fail(s, toAppError(e, 'session'));
    }
  }

  private stopRecheck(s: Live): void {
    clearTimeout(s.recheck ?? undefined);
    s.recheck = null;
  }

  private complete(s: Live, remote: LoginSession): void {
    // Stryker disable next-line ConditionalExpression: equivalent, only a complete step carries a login or an account
    const step = remote.currentStep?.type === 'complete' ? remote.currentStep : undefined;
    const login = remote.login ?? remote.connection ?? step?.login;
    const account = remote.account ?? step?.account;
    const loginID = login?.loginID ?? remote.loginID ?? account?.loginID ?? s.request.loginID ?? '';
    const accountIDs = login?.accountIDs ?? (account ? [account.accountID] : remote.accountID ? [remote.accountID] : []);
    s.result = {
      loginID,
      accountIDs,
      // Stryker disable next-line OptionalChaining: equivalent, account is read only when there is no login user, so then it has one
      identity: login?.user || account?.user ? identityOf(login?.user ?? account?.user, loginID) : null,
      network: account?.network ?? s.bridgeName,
      restored: Boolean(s.request.loginID && s.request.loginID === loginID) || Boolean(s.request.accountID && accountIDs.includes(s.request.accountID)),
    };
    this.settle(s, 'complete');
    // A complete step under a status that is not `complete`: the server did not say it ended.
    if (remote.status !== 'complete') void this.deleteRemote(s, remote.loginSessionID);
    this.deps.log.info('login session complete', { bridgeID: s.request.bridgeID, loginID, restored: s.result.restored });
    this.deps.onComplete(this.view(s));
  }

  /**
   * Ends the session here. Nothing else of it runs by then: a submit has finished, the long-poll
   * loop is not paused while its own answer is applied, and a recheck has already fired (Cancel
   * stops those itself).
   */
  private settle(s: Live, phase: 'complete' | 'cancelled' | 'failed'): void {
    s.phase = phase;
    s.abort?.abort();
    s.abort = null;
    this.emit(s);
  }

  /**
   * Ends the session as failed (or cancelled, when the bridge says so). It is ended on the server too
   * unless there is evidence about this very session that the server already ended it: its own
   * answer said `failed`, or a route for it answered 404/410. An error kind guessed from a code is no
   * such evidence; when in doubt the DELETE is sent: a second one costs nothing, a leaked session does.
   */
  private fail(s: Live, error: AppError, origin: 'here' | 'ended-on-server' = 'here'): void {
    if (s.terminal) return;
    if (error.kind === 'cancelled') {
      // Cancelled elsewhere (in Beeper Desktop, or the bridge gave up on it).
      this.settle(s, 'cancelled');
    } else {
      // Stryker disable next-line ObjectLiteral: the cause is for a debugger; the view and the log leave it out
      s.error = error.kind === 'not_running' ? new AppError('not_running', 'Beeper Desktop stopped while connecting. Start again once it is running.', { cause: error }) : error;
      this.deps.log.warn('login session failed', { bridgeID: s.request.bridgeID, error: s.error.toJSON() });
      this.settle(s, 'failed');
    }
    const remoteID = s.remote?.loginSessionID;
    if (remoteID && origin === 'here' && !goneOnServer(error)) void this.deleteRemote(s, remoteID);
  }

  /** The emoji picture: a data: URL is shown as it is, http(s) or a path is fetched by main (api/images.ts), anything else cannot be shown. */
  private loadEmoji(s: Live, url: string): void {
    if (s.emojiImage?.url === url) return;
    const inline = safeImageDataURL(url);
    const fetchable = isFetchableImageURL(url) && this.deps.fetchImage !== undefined;
    s.emojiImage = { url, dataURL: inline, loading: !inline && fetchable };
    if (inline || !fetchable) return;
    void this.deps.fetchImage!(url).then((dataURL) => {
      // Stryker disable next-line OptionalChaining: equivalent, the picture is never forgotten once set
      if (s.emojiImage?.url !== url) return;
      s.emojiImage = { url, dataURL, loading: false };
      this.emit(s);
    });
  }

  // ---------------------------------------------------------------- display_and_wait long-poll

  private async waitLoop(s: Live): Promise<void> {
    if (s.waiting) return;
    s.waiting = true;
    const pacing = { ...DEFAULT_PACING, ...this.deps.pacing };
    let interval = 0;
    try {
      while (!s.closing && s.phase === 'display_and_wait') {
        const asked = Date.now();
        const shown = s.shownDisplay;
        const step = s.remote?.currentStep as DisplayStep;
        const next = await this.poll(s, step);
        if (!next) return;
        this.apply(s, next.session);
        const changed = s.shownDisplay !== shown || (s.remote?.currentStep as DisplayStep | undefined)?.stepID !== step.stepID;
        interval = Math.max(nextInterval(interval, changed, pacing), next.retryAfterMs);
        const wait = interval - (Date.now() - asked);
        if (wait > 0 && !s.closing && s.phase === 'display_and_wait') await this.pauseFor(s, wait);
      }
    } finally {
      s.waiting = false;
    }
  }

  /**
   * One long-poll: the session as it is now, or null when the loop should stop (cancelled here, or
   * failed). An error that says nothing about the session (a timeout, a 5xx, a 429) is answered by
   * checking the session.
   */
  private async poll(s: Live, step: DisplayStep): Promise<{ session: LoginSession; retryAfterMs: number } | null> {
    const remoteID = s.remote!.loginSessionID;
    s.abort = new AbortController();
    try {
      return { session: await this.api().submitStep(s.request.bridgeID, remoteID, step.stepID, { type: 'display_and_wait' }, s.abort.signal), retryAfterMs: 0 };
    } catch (e) {
      const err = toAppError(e, 'submit');
      if (s.closing || (err.kind === 'cancelled' && err.status === undefined)) return null;
      if (!TRANSIENT.has(err.kind)) {
        this.fail(s, err);
        return null;
      }
      try {
        return { session: await this.api().getSession(s.request.bridgeID, remoteID), retryAfterMs: (err.retryAfterSec ?? 0) * 1000 };
      } catch (e2) {
        // Stryker disable next-line StringLiteral: equivalent, 'session' differs from the default only in a 404, which '' reads the same way
        this.fail(s, toAppError(e2, 'session'));
        return null;
      }
      // Stryker disable next-line BlockStatement: equivalent, the next request or the end replaces or drops it
    } finally {
      s.abort = null;
    }
  }

  private pauseFor(s: Live, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(s.pause?.timer);
        s.pause = null;
        resolve();
      };
      s.pause = { timer: setTimeout(wake, ms), wake };
      // Stryker disable next-line CallExpression: not observable in a test; keeps the timer from holding the process open
      s.pause.timer.unref();
    });
  }

  private wake(s: Live): void {
    s.pause?.wake();
  }

  // ---------------------------------------------------------------- submits

  async submitInput(id: string, values: Record<string, string>): Promise<SessionView> {
    const s = this.live(id);
    const step = s.phase === 'user_input' ? s.remote!.currentStep : undefined;
    if (step?.type !== 'user_input') throw new AppError('invalid_request', 'This login is not waiting for typed input.');
    const fields = prepareInput(step, values, (source) => this.deps.log.warn('a field pattern from Beeper Desktop cannot be used', { pattern: source }));
    if (fields instanceof AppError) {
      s.stepError = fields;
      this.emit(s);
      return this.view(s);
    }
    return this.submit(s, step.stepID, { type: 'user_input', fields });
  }

  async submitCookies(id: string, values: Record<string, string>, meta: { source: 'api' | 'webview'; lastURL?: string | undefined }): Promise<SessionView> {
    const s = this.live(id);
    const step = s.phase === 'cookies' ? s.remote!.currentStep : undefined;
    if (step?.type !== 'cookies') throw new AppError('invalid_request', 'This login is not waiting for sign-in cookies.');
    const fields: Record<string, string> = {};
    const missing: string[] = [];
    for (const f of step.fields) {
      const v = values[f.id]?.trim();
      if (v) fields[f.id] = v;
      else if (cookieFieldNeed(f) === 'always') missing.push(f.name);
    }
    if (missing.length > 0) {
      s.stepError = new AppError('invalid_input', `Still needed: ${missing.join(', ')}.`, { code: 'MISSING_FIELDS' });
      this.emit(s);
      return this.view(s);
    }
    const body: SubmitBody = { type: 'cookies', fields, source: meta.source };
    if (meta.lastURL) body.lastURL = meta.lastURL;
    return this.submit(s, step.stepID, body);
  }

  private async submit(s: Live, stepID: string, body: SubmitBody): Promise<SessionView> {
    if (s.busy) throw new AppError('invalid_request', 'This step is already being submitted.');
    const remoteID = s.remote!.loginSessionID;
    s.busy = true;
    s.stepError = null;
    this.emit(s);
    s.abort = new AbortController();
    try {
      const next = await this.api().submitStep(s.request.bridgeID, remoteID, stepID, body, s.abort.signal);
      s.abort = null;
      s.busy = false;
      this.apply(s, next);
    } catch (e) {
      s.abort = null;
      s.busy = false;
      if (s.closing) return this.view(s);
      const err = toAppError(e, 'submit');
      if (err.kind === 'invalid_input') {
        // The network rejected the value (bad phone number, wrong format): the step stays.
        s.stepError = err;
        this.emit(s);
      } else if (err.kind === 'network' || err.kind === 'server_error' || err.kind === 'rate_limited') {
        // Did the submit land? Ask for the session's state rather than guessing.
        try {
          const current = await this.api().getSession(s.request.bridgeID, remoteID);
          this.apply(s, current);
          if (!s.terminal && current.currentStep && 'stepID' in current.currentStep && current.currentStep.stepID === stepID) {
            s.stepError = err;
            this.emit(s);
          }
        } catch (e2) {
          // Stryker disable next-line StringLiteral: equivalent, 'session' differs from the default only in a 404, which '' reads the same way
          this.fail(s, toAppError(e2, 'session'));
        }
      } else {
        this.fail(s, err);
      }
    }
    return this.view(s);
  }

  // ---------------------------------------------------------------- cancel, dismiss

  async cancel(id: string): Promise<SessionView> {
    const s = this.live(id);
    if (s.terminal) return this.view(s);
    s.closing = true;
    s.abort?.abort();
    s.abort = null;
    this.stopRecheck(s);
    this.wake(s);
    s.phase = 'cancelled';
    s.busy = false;
    this.emit(s);
    const remoteID = s.remote?.loginSessionID;
    if (remoteID) await this.deleteRemote(s, remoteID);
    return this.view(s);
  }

  private async deleteRemote(s: Live, remoteID: string): Promise<void> {
    try {
      await this.api().cancelSession(s.request.bridgeID, remoteID);
    } catch (e) {
      // Already finished, already gone, or Beeper Desktop is gone with it: nothing left to cancel.
      // Stryker disable next-line StringLiteral: equivalent, 'session' differs from the default only in a 404, which '' reads the same way
      this.deps.log.debug('cancelling the login session on the server failed', { error: toAppError(e, 'session').toJSON() });
    }
  }

  /** Removes a finished session from the list (a live one is cancelled first). */
  async dismiss(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    await this.cancel(id); // a finished one is left as it is
    this.sessions.delete(id);
    for (const l of this.removed) l(id);
  }

  /** Signed out or shutting down: end every live session. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.cancel(id))); // finished ones are left as they are
  }

  // ---------------------------------------------------------------- view

  private view(s: Live): SessionView {
    return {
      id: s.id,
      bridgeID: s.request.bridgeID,
      bridgeName: s.bridgeName,
      flowID: s.request.flowID ?? null,
      reconnect: s.request.loginID || s.request.accountID ? { loginID: s.request.loginID ?? null, accountID: s.request.accountID ?? null } : null,
      phase: s.phase,
      finished: s.terminal,
      busy: s.busy,
      step: s.terminal ? null : stepView(s.phase, s.remote, s.revision, s.emojiImage),
      stepError: s.stepError ? s.stepError.toJSON() : null,
      error: s.error ? s.error.toJSON() : null,
      result: s.result,
      startedAt: s.startedAt,
      updatedAt: s.updatedAt,
    };
  }
}

/** Evidence about the session itself that the server no longer holds it: a route for it answered 404 or 410. */
const goneOnServer = (e: AppError): boolean => e.status === 404 || e.status === 410;
