/**
 * Login sessions (docs/beeper-desktop-api.md §3), several at once on different bridges. Each one is
 * the state machine of session-machine.ts; this engine runs what its state needs and nothing more:
 *
 *   starting          the create request
 *   display_and_wait  the long-poll: submit, show what comes back (a new QR or code replaces the
 *                     shown one), pause while nothing changes, submit again
 *   unsupported       a timer to check whether the session moved on to a step this app knows
 *   user_input, cookies  the user's submit, while it is out
 *
 * Every transition stops what the state before it ran (aborts its request, clears its timer), so
 * nothing outlives the state it served; an answer that arrives afterwards is stale, and only says
 * which server session to end if this side never knew of it. Failures arrive on two channels — an
 * HTTP error, or a 200 session with `status: failed` — and both end up as the same `failed` view.
 *
 * Values the user typed, cookies and codes pass straight through to the API and are never kept.
 */
import { randomBytes } from 'node:crypto';
import type { IdentityView, SessionView } from '../../../preload/contract/views.ts';
import { startBody, type BeeperApi, type StartRequest, type SubmitBody } from '../api/client.ts';
import { cookieFieldNeed, type CookiesStep, type LoginSession } from '../api/schemas.ts';
import { AppError, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { isFetchableImageURL, safeImageDataURL } from '../api/images.ts';
import { displayKey, stepView } from './session-view.ts';
import { goneOnServer, isEnded, STARTING, transition, type OpenState, type SessionContext, type SessionEvent, type SessionState } from './session-machine.ts';
import { prepareInput } from './typed-input.ts';
import { t, translator } from '../i18n.ts';

export interface SessionEngineDeps {
  api: () => BeeperApi | null;
  log: Logger;
  bridgeName: (bridgeID: string) => string;
  /** Who a reconnect is for, as the account list shows it (null when the list does not know it). */
  identityOf?: (request: StartRequest) => IdentityView | null;
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

const stepIDOf = (remote: LoginSession): string | null => {
  const step = remote.currentStep;
  return step && 'stepID' in step && typeof step.stepID === 'string' ? step.stepID : null;
};

/** Errors that say nothing about the session (its fate is unknown): check it rather than guess. */
const TRANSIENT: ReadonlySet<AppError['kind']> = new Set(['network', 'server_error', 'rate_limited']);

/** The one thing a session runs at a time (a request, a pause): every transition stops it. */
interface Work {
  /** Aborts the request, or ends the pause early (its waiter hears `false`). */
  stop(): void;
}
const IDLE: Work = { stop: () => {} };

/** A request's outcome for the state that made it; null when the state it served is gone. */
type Answer = { session: LoginSession } | { error: AppError } | null;

class Live {
  readonly id = `ses_${randomBytes(9).toString('base64url')}`;
  readonly startedAt = new Date().toISOString();
  updatedAt = this.startedAt;
  state: SessionState = STARTING;
  work: Work = IDLE;
  /** The display last shown, and how many different ones were: a new QR re-renders, the same one does not. */
  shownDisplay: string | null = null;
  revision = 0;
  emojiImage: { url: string; dataURL: string | null; loading: boolean } | null = null;
  readonly context: SessionContext;

  /** Who a reconnect is for, read once when it starts: the list may drop the account while it runs. */
  readonly identity: IdentityView | null;

  constructor(request: StartRequest, bridgeName: string, identity: IdentityView | null) {
    this.context = { request, bridgeName };
    this.identity = identity;
  }

  get request(): StartRequest {
    return this.context.request;
  }

  /** The current step, when it is of this type. */
  step<T extends NonNullable<LoginSession['currentStep']>['type']>(type: T): Extract<LoginSession['currentStep'], { type: T }> | undefined {
    const step = this.state.phase === 'starting' || isEnded(this.state) ? undefined : this.state.remote.currentStep;
    return step?.type === type ? (step as Extract<LoginSession['currentStep'], { type: T }>) : undefined;
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
    const step = this.live(id).step('cookies');
    if (!step) throw new AppError('invalid_request', t('error.notWaitingBrowser'));
    return step;
  }

  private live(id: string): Live {
    const s = this.sessions.get(id);
    if (!s) throw new AppError('not_found', t('error.sessionGone'));
    return s;
  }

  private emit(s: Live): void {
    s.updatedAt = new Date().toISOString();
    const v = this.view(s);
    for (const l of this.changed) l(v);
  }

  // ---------------------------------------------------------------- transitions

  /**
   * The one way a session changes state: the machine decides, then what the old state ran is
   * stopped, the new state's work is started, listeners hear of it, and a session the transition
   * ended is ended on the server (the returned promise settles when that is done).
   */
  private dispatch(s: Live, event: SessionEvent): Promise<void> {
    const before = s.state;
    const { state, endOnServer } = transition(before, event, s.context);
    if (state !== before) {
      this.stop(s);
      s.state = state;
      this.enter(s, before);
      this.emit(s);
      this.report(s, before);
    }
    return endOnServer ? this.deleteRemote(s, endOnServer) : Promise.resolve();
  }

  /** Starts what the new state needs. */
  private enter(s: Live, before: SessionState): void {
    switch (s.state.phase) {
      case 'display_and_wait':
        this.showDisplay(s);
        // The long-poll loop goes on by itself once started; another state starts it anew.
        if (before.phase !== 'display_and_wait') void this.longPoll(s);
        return;
      case 'unsupported':
        this.scheduleRecheck(s, s.state.remote.loginSessionID);
        return;
      case 'starting':
      case 'user_input':
      case 'cookies':
      case 'complete':
      case 'failed':
      case 'cancelled':
        return;
    }
  }

  /** What the log and the owner hear of a transition. */
  private report(s: Live, before: SessionState): void {
    const bridgeID = s.request.bridgeID;
    const state = s.state;
    if (state.phase === 'unsupported' && before.phase !== 'unsupported') {
      const step = state.remote.currentStep;
      this.deps.log.warn('login session reached a step this app cannot show', { bridgeID, status: state.remote.rawStatus, stepType: step?.type === 'unknown' ? step.rawType : step?.type });
    } else if (state.phase === 'failed') {
      this.deps.log.warn('login session failed', { bridgeID, error: state.error.toJSON() });
    } else if (state.phase === 'complete') {
      this.deps.log.info('login session complete', { bridgeID, loginID: state.result.loginID, restored: state.result.restored });
      this.deps.onComplete(this.view(s));
    }
  }

  /** Stops what the session runs: its request is aborted, its timer cleared. */
  private stop(s: Live): void {
    const work = s.work;
    s.work = IDLE;
    work.stop();
  }

  /**
   * One request on the session's behalf, as its work. Its answer is null when the state that made it
   * is gone; an answer naming a server session is then handed to the machine as late.
   */
  private async ask(s: Live, send: (api: BeeperApi, signal: AbortSignal) => Promise<LoginSession>, context: 'submit' | 'session'): Promise<Answer> {
    const abort = new AbortController();
    const work: Work = { stop: () => abort.abort() };
    s.work = work;
    let answer: NonNullable<Answer>;
    try {
      answer = { session: await send(this.api(), abort.signal) };
    } catch (e) {
      answer = { error: toAppError(e, context) };
    }
    if (s.work !== work) {
      const remoteID = 'session' in answer ? answer.session.loginSessionID : answer.error.loginSessionID;
      if (remoteID) void this.dispatch(s, { type: 'late', remoteID });
      return null;
    }
    s.work = IDLE;
    return answer;
  }

  private api(): BeeperApi {
    const api = this.deps.api();
    if (!api) throw new AppError('not_running', t('error.desktopNotConnected'));
    return api;
  }

  // ---------------------------------------------------------------- start

  async start(req: StartRequest): Promise<SessionView> {
    // One live session per bridge: the same request again returns it (a double click); a different
    // one replaces it (the user went back and chose another flow or account).
    for (const other of this.sessions.values()) {
      if (other.request.bridgeID !== req.bridgeID || isEnded(other.state)) continue;
      const same = other.request.flowID === req.flowID && other.request.loginID === req.loginID && other.request.accountID === req.accountID;
      if (same) return this.view(other);
      await this.cancel(other.id);
    }
    const s = new Live(req, this.deps.bridgeName(req.bridgeID), req.loginID || req.accountID ? (this.deps.identityOf?.(req) ?? null) : null);
    this.sessions.set(s.id, s);
    this.emit(s);
    const answer = await this.ask(s, (api, signal) => api.createSession(req.bridgeID, startBody(req), signal), 'submit');
    if (answer) await this.settleAnswer(s, answer);
    return this.view(s);
  }

  private settleAnswer(s: Live, answer: NonNullable<Answer>): Promise<void> {
    return this.dispatch(s, 'session' in answer ? { type: 'answered', remote: answer.session } : { type: 'failed', error: answer.error });
  }

  // ---------------------------------------------------------------- what the states run

  /**
   * The display entered: a new one raises the revision (the same QR again does not). An emoji's
   * picture: a data: URL is shown as it is, http(s) or a path is fetched by main (api/images.ts),
   * anything else cannot be shown.
   */
  private showDisplay(s: Live): void {
    const step = s.step('display_and_wait')!;
    const key = displayKey(step);
    if (key !== s.shownDisplay) {
      s.shownDisplay = key;
      s.revision++;
    }
    const url = step.display.type === 'emoji' ? step.display.imageURL : undefined;
    // Stryker disable next-line ConditionalExpression: equivalent, a display without a picture URL loads none either way
    if (!url || s.emojiImage?.url === url) return;
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

  /** The display_and_wait long-poll, for as long as the session shows a display. */
  private async longPoll(s: Live): Promise<void> {
    const pacing = { ...DEFAULT_PACING, ...this.deps.pacing };
    let interval = 0;
    while (s.state.phase === 'display_and_wait') {
      const asked = Date.now();
      const shown = s.shownDisplay;
      const { remote } = s.state;
      const step = s.step('display_and_wait')!;
      const next = await this.poll(s, remote.loginSessionID, step.stepID);
      if (!next) return;
      await this.dispatch(s, { type: 'answered', remote: next.session });
      const changed = s.shownDisplay !== shown || s.step('display_and_wait')?.stepID !== step.stepID;
      interval = Math.max(nextInterval(interval, changed, pacing), next.retryAfterMs);
      const wait = interval - (Date.now() - asked);
      if (wait > 0 && s.state.phase === 'display_and_wait' && !(await this.pause(s, wait))) return;
    }
  }

  /**
   * One long-poll: the session as it is now, or null when the loop should stop (the state is gone,
   * an abort of its own, or the login failed). An error that says nothing about the session (a
   * timeout, a 5xx, a 429) is answered by checking the session.
   */
  private async poll(s: Live, remoteID: string, stepID: string): Promise<{ session: LoginSession; retryAfterMs: number } | null> {
    const answer = await this.ask(s, (api, signal) => api.submitStep(s.request.bridgeID, remoteID, stepID, { type: 'display_and_wait' }, signal), 'submit');
    if (!answer) return null;
    if ('session' in answer) return { session: answer.session, retryAfterMs: 0 };
    const err = answer.error;
    if (err.kind === 'cancelled' && err.status === undefined) return null;
    if (!TRANSIENT.has(err.kind)) {
      await this.dispatch(s, { type: 'failed', error: err });
      return null;
    }
    const checked = await this.check(s, remoteID);
    return checked && { session: checked, retryAfterMs: (err.retryAfterSec ?? 0) * 1000 };
  }

  /** Asks for the session as the server holds it now, as the session's work. */
  private askSession(s: Live, remoteID: string): Promise<Answer> {
    return this.ask(s, (api, signal) => api.getSession(s.request.bridgeID, remoteID, signal), 'session');
  }

  /** The session as the server holds it now; a failed check fails the login. Null when it failed or the state is gone. */
  private async check(s: Live, remoteID: string): Promise<LoginSession | null> {
    const answer = await this.askSession(s, remoteID);
    if (!answer) return null;
    if ('session' in answer) return answer.session;
    await this.dispatch(s, { type: 'failed', error: answer.error });
    return null;
  }

  /** Waits `ms` as the session's work: true when the time is up, false when a transition stopped it first. */
  private pause(s: Live, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        s.work = IDLE;
        resolve(true);
      }, ms);
      // Stryker disable next-line CallExpression: not observable in a test; keeps the timer from holding the process open
      timer.unref();
      s.work = {
        stop: () => {
          clearTimeout(timer);
          resolve(false);
        },
      };
    });
  }

  /** A step or status this app does not know: checked now and then in case it moves on to something known. */
  private scheduleRecheck(s: Live, remoteID: string): void {
    void this.pause(s, this.deps.unsupportedPollMs ?? 3_000).then(async (due) => {
      if (!due) return;
      const answer = await this.askSession(s, remoteID);
      if (answer) await this.settleAnswer(s, answer);
    });
  }

  // ---------------------------------------------------------------- submits

  async submitInput(id: string, values: Record<string, string>): Promise<SessionView> {
    const s = this.live(id);
    const step = s.step('user_input');
    if (!step) throw new AppError('invalid_request', t('error.notWaitingInput'));
    const fields = prepareInput(step, values, (source) => this.deps.log.warn('a field pattern from Beeper Desktop cannot be used', { pattern: source }));
    if (fields instanceof AppError) {
      await this.dispatch(s, { type: 'refused', error: fields });
      return this.view(s);
    }
    return this.submit(s, step.stepID, { type: 'user_input', fields });
  }

  async submitCookies(id: string, values: Record<string, string>, meta: { source: 'api' | 'webview'; lastURL?: string | undefined }): Promise<SessionView> {
    const s = this.live(id);
    const step = s.step('cookies');
    if (!step) throw new AppError('invalid_request', t('error.notWaitingCookies'));
    const fields: Record<string, string> = {};
    const missing: string[] = [];
    for (const f of step.fields) {
      const v = values[f.id]?.trim();
      if (v) fields[f.id] = v;
      else if (cookieFieldNeed(f) === 'always') missing.push(f.name);
    }
    if (missing.length > 0) {
      await this.dispatch(s, { type: 'refused', error: new AppError('invalid_input', t('error.stillNeeded', { fields: translator().list(missing) }), { code: 'MISSING_FIELDS' }) });
      return this.view(s);
    }
    const body: SubmitBody = { type: 'cookies', fields, source: meta.source };
    if (meta.lastURL) body.lastURL = meta.lastURL;
    return this.submit(s, step.stepID, body);
  }

  private async submit(s: Live, stepID: string, body: SubmitBody): Promise<SessionView> {
    const state = s.state as OpenState;
    if (state.submitting) throw new AppError('invalid_request', t('error.alreadySubmitting'));
    const remoteID = state.remote.loginSessionID;
    await this.dispatch(s, { type: 'submitted' });
    const answer = await this.ask(s, (api, signal) => api.submitStep(s.request.bridgeID, remoteID, stepID, body, signal), 'submit');
    if (!answer || 'session' in answer) {
      if (answer) await this.dispatch(s, { type: 'answered', remote: answer.session });
      return this.view(s);
    }
    const err = answer.error;
    // The network rejected the value (bad phone number, wrong format): the step stays.
    if (err.kind === 'invalid_input') await this.dispatch(s, { type: 'refused', error: err });
    // Did the submit land? Ask for the session's state rather than guessing.
    else if (TRANSIENT.has(err.kind)) await this.checkSubmit(s, remoteID, stepID, err);
    else await this.dispatch(s, { type: 'failed', error: err });
    return this.view(s);
  }

  /** After a submit of unknown fate: the server's state is shown, and if it still asks for the same step, the error with it. */
  private async checkSubmit(s: Live, remoteID: string, stepID: string, err: AppError): Promise<void> {
    const current = await this.check(s, remoteID);
    if (!current) return;
    await this.dispatch(s, { type: 'answered', remote: current });
    if (!isEnded(s.state) && stepIDOf(current) === stepID) await this.dispatch(s, { type: 'refused', error: err });
  }

  // ---------------------------------------------------------------- cancel, dismiss

  async cancel(id: string): Promise<SessionView> {
    const s = this.live(id);
    await this.dispatch(s, { type: 'cancelled' }); // a finished one is left as it is
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
    await this.cancel(id);
    this.sessions.delete(id);
    for (const l of this.removed) l(id);
  }

  /**
   * Beeper Desktop was found (again): a login waiting for the user may have ended with it, since a
   * restart forgets every login session. Each one waiting, with nothing of its own running, is checked
   * at once; one the server no longer knows ends here, and one that moved on shows where it is.
   */
  async recheckWaiting(): Promise<void> {
    const waiting = [...this.sessions.values()].filter((s) => (s.state.phase === 'user_input' || s.state.phase === 'cookies') && !s.state.submitting && s.work === IDLE);
    await Promise.all(waiting.map((s) => this.recheckOne(s)));
  }

  private async recheckOne(s: Live): Promise<void> {
    const { remote } = s.state as OpenState;
    const answer = await this.askSession(s, remote.loginSessionID);
    if (!answer) return;
    // Only the server saying it no longer has the session ends it; a failed check changes nothing.
    if ('error' in answer) {
      if (goneOnServer(answer.error)) await this.dispatch(s, { type: 'failed', error: answer.error });
      return;
    }
    // The same step: nothing to show, and what the user sees (an error on the step) stays.
    if (answer.session.status !== remote.status || stepIDOf(answer.session) !== stepIDOf(remote)) await this.dispatch(s, { type: 'answered', remote: answer.session });
  }

  /** Signed out or shutting down: end every live session. */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.cancel(id))); // finished ones are left as they are
  }

  // ---------------------------------------------------------------- view

  private view(s: Live): SessionView {
    const { state, request } = s;
    const ended = isEnded(state);
    const open = ended || state.phase === 'starting' ? null : state;
    return {
      id: s.id,
      bridgeID: request.bridgeID,
      bridgeName: s.context.bridgeName,
      flowID: request.flowID ?? null,
      reconnect: request.loginID || request.accountID ? { loginID: request.loginID ?? null, accountID: request.accountID ?? null, identity: s.identity } : null,
      phase: state.phase,
      finished: ended,
      busy: open?.submitting ?? false,
      step: ended ? null : stepView(state.phase, state.remote, s.revision, s.emojiImage),
      stepError: open?.stepError ? open.stepError.toJSON() : null,
      error: state.phase === 'failed' ? state.error.toJSON() : null,
      result: state.phase === 'complete' ? state.result : null,
      startedAt: s.startedAt,
      updatedAt: s.updatedAt,
    };
  }
}
