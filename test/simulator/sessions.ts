/**
 * Login sessions (docs/beeper-desktop-api.md §2.7–2.11, §3): one state machine per session.
 *
 * `display_and_wait` submits are long-polls: a submit returns at once when the session changed
 * since the client last saw it, and otherwise blocks until something happens (QR rotation, a
 * "scan" from test control, cancel, expiry). Submits that arrive while a wait is already running
 * attach to it (bridgev2: "already started, not submitting again"), and re-submitting the step that
 * just finished returns the last result, so duplicate submits are safe.
 */
import type { SimConfig } from './config.ts';
import { Codes, SimError } from './errors.ts';
import type { BridgeDef, DisplayStepDef, Failure, ScanOptions, SimDisplay, StepContext, StepDef, Transition } from './flow.ts';
import { randomID } from './ids.ts';
import { presentDisplay, presentSession } from './profiles.ts';
import type { SimState } from './state.ts';
import type { SessionStatus, WireLoginSession, WireStep } from './wire.ts';

const STATUS_FOR_STEP: Record<Exclude<StepDef['type'], 'future'>, SessionStatus> = {
  user_input: 'waiting_for_input',
  cookies: 'waiting_for_cookies',
  display_and_wait: 'waiting_for_display',
};
const statusForStep = (s: StepDef): SessionStatus => (s.type === 'future' ? s.status : STATUS_FOR_STEP[s.type]);

const TERMINAL: ReadonlySet<SessionStatus> = new Set(['complete', 'cancelled', 'failed']);

export interface SubmitBody {
  type: 'user_input' | 'cookies' | 'display_and_wait';
  fields?: Record<string, string> | undefined;
  lastURL?: string | undefined;
  source?: 'api' | 'webview' | 'browser_extension' | undefined;
}

type Settle = (result: { ok: true; session: WireLoginSession } | { ok: false; error: SimError }) => void;

/** A parked long-poll; `signal` aborts when its client hangs up. */
interface Waiter {
  settle: Settle;
  signal: AbortSignal | undefined;
}

export class SimSession {
  readonly id = randomID('ls_');
  status: SessionStatus = 'waiting_for_input';
  step: StepDef | undefined;
  display: SimDisplay | undefined;
  previousStep: { stepID: string; type: StepDef['type'] } | undefined;
  error: Failure | undefined;
  result: { loginID: string; accountIDs: string[] } | undefined;
  /** The last submission's capture metadata, kept for test assertions (never values). */
  lastSubmit: { source?: string | undefined; lastURL?: string | undefined; fieldIDs: string[] } | undefined;
  readonly createdAt = Date.now();
  /** Bumped on every change; `delivered` is the version the client has last been given. */
  version = 0;
  delivered = 0;
  rotationsLeft = 0;
  private waiters: Waiter[] = [];
  private timers = new Set<NodeJS.Timeout>();

  readonly bridge: BridgeDef;
  readonly flowID: string;
  readonly ctx: StepContext;
  readonly reconnect: { loginID: string; accountID?: string | undefined } | undefined;

  constructor(
    bridge: BridgeDef,
    flowID: string,
    ctx: StepContext,
    reconnect: { loginID: string; accountID?: string | undefined } | undefined,
  ) {
    this.bridge = bridge;
    this.flowID = flowID;
    this.ctx = ctx;
    this.reconnect = reconnect;
  }

  get terminal(): boolean {
    return TERMINAL.has(this.status);
  }

  schedule(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, Math.max(0, ms));
    t.unref?.();
    this.timers.add(t);
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /**
   * Parks a long-poll. A client that hangs up is forgotten at once, so the change it would have
   * been given stays undelivered and the next poll returns it immediately.
   */
  addWaiter(settle: Settle, signal?: AbortSignal): void {
    const waiter: Waiter = { settle, signal };
    this.waiters.push(waiter);
    signal?.addEventListener('abort', () => (this.waiters = this.waiters.filter((w) => w !== waiter)), { once: true });
  }

  /** Long-polls whose client is still listening. */
  get waiting(): number {
    return this.waiters.filter((w) => !w.signal?.aborted).length;
  }

  settleWaiters(result: Parameters<Settle>[0]): void {
    const waiters = this.waiters.filter((w) => !w.signal?.aborted);
    this.waiters = [];
    for (const w of waiters) w.settle(result);
  }
}

export class SimulatedLogins {
  readonly sessions = new Map<string, SimSession>();
  private readonly state: SimState;
  private readonly getConfig: () => SimConfig;
  /** Told each time a session shows something new (a first display, a QR rotation): the bench times the UI against it. */
  private readonly displayListeners = new Set<(sessionID: string, at: number, display: unknown) => void>();

  constructor(state: SimState, getConfig: () => SimConfig) {
    this.state = state;
    this.getConfig = getConfig;
  }

  onDisplay(listener: (sessionID: string, at: number, display: unknown) => void): () => void {
    this.displayListeners.add(listener);
    return () => this.displayListeners.delete(listener);
  }

  private displayed(session: SimSession): void {
    const at = Date.now();
    for (const l of this.displayListeners) l(session.id, at, session.display);
  }

  // ------------------------------------------------------------------ create

  create(
    bridge: BridgeDef,
    body: { flowID?: string | undefined; loginID?: string | undefined; accountID?: string | undefined },
    baseURL: string,
  ): WireLoginSession {
    const reconnect = this.resolveReconnect(bridge, body.loginID, body.accountID);
    const { status, statusText } = this.state.bridgeStatusOf(bridge);
    if (status === 'disabled') {
      throw new SimError(403, Codes.BRIDGE_DISABLED, statusText ?? `${bridge.displayName} is disabled`);
    }
    if (status === 'temporarily_unavailable') {
      throw new SimError(400, Codes.BRIDGE_UNAVAILABLE, statusText ?? `${bridge.displayName} is temporarily unavailable`);
    }
    if (!reconnect && (status === 'limit_reached' || status === 'connected')) {
      throw new SimError(
        403,
        Codes.TOO_MANY_LOGINS,
        statusText ?? `You have reached the maximum number of ${bridge.displayName} accounts`,
      );
    }

    let flow = body.flowID ? bridge.flows.find((f) => f.id === body.flowID) : bridge.flows[0];
    if (!flow) {
      if (bridge.flows.length === 0 || bridge.unknownFlow === 'not_found') {
        throw new SimError(404, Codes.M_NOT_FOUND, `Login flow ${body.flowID ?? ''} not found`.replace('  ', ' '));
      }
      flow = bridge.flows[0]!; // WhatsApp silently falls back to its default flow
    }

    const login = reconnect ? this.state.login(bridge.id, reconnect.loginID) : undefined;
    const getConfig = this.getConfig;
    const ctx: StepContext = {
      // Live: settings changed through test control apply to sessions already running.
      get config() {
        return getConfig();
      },
      baseURL,
      reconnect: login ? { loginID: login.loginID, remembered: { ...login.remembered }, remoteKey: login.remoteKey } : undefined,
      memory: {},
      ms: (real) => this.scaled(real),
    };
    const session = new SimSession(bridge, flow.id, ctx, reconnect);
    this.sessions.set(session.id, session);
    const first = flow.start(ctx);
    if ('reject' in first) {
      this.sessions.delete(session.id);
      throw first.reject;
    }
    this.apply(session, first);
    if (session.status === 'failed' && session.error?.httpStatus) {
      throw new SimError(session.error.httpStatus, session.error.code, session.error.message);
    }
    return this.deliver(session);
  }

  private resolveReconnect(
    bridge: BridgeDef,
    loginID: string | undefined,
    accountID: string | undefined,
  ): { loginID: string; accountID?: string | undefined } | undefined {
    if (!loginID && !accountID) return undefined;
    let fromAccount: string | undefined;
    if (accountID) {
      const account = this.state.accounts.get(accountID);
      if (!account || account.bridgeID !== bridge.id) throw new SimError(404, Codes.NOT_FOUND, `Account ${accountID} not found on ${bridge.id}`);
      fromAccount = account.loginID;
    }
    // [GUESS] both given: they must refer to the same login.
    if (loginID && fromAccount && loginID !== fromAccount) {
      throw new SimError(400, Codes.INVALID_REQUEST, 'loginID and accountID refer to different logins');
    }
    const id = loginID ?? fromAccount!;
    if (!this.state.login(bridge.id, id)) throw new SimError(404, Codes.NOT_FOUND, `Login ${id} not found on ${bridge.id}`);
    return { loginID: id, accountID };
  }

  // ------------------------------------------------------------------ read / cancel

  get(bridgeID: string, sessionID: string): SimSession {
    const session = this.sessions.get(sessionID);
    if (!session || session.bridge.id !== bridgeID) throw new SimError(404, Codes.NOT_FOUND, 'Login session not found');
    return session;
  }

  snapshotFor(session: SimSession): WireLoginSession {
    return this.deliver(session);
  }

  cancel(session: SimSession): { bridgeID: string; loginSessionID: string; status: 'cancelled' } {
    if (session.status === 'complete' || session.status === 'failed') {
      throw new SimError(410, Codes.LOGIN_ALREADY_FINISHED, 'The login session has already finished');
    }
    if (session.status !== 'cancelled') {
      session.clearTimers();
      session.previousStep = session.step ? { stepID: session.step.stepID, type: session.step.type } : undefined;
      session.step = undefined;
      session.display = undefined;
      session.status = 'cancelled';
      session.version++;
      session.settleWaiters({ ok: false, error: new SimError(410, Codes.LOGIN_CANCELLED, 'The login was cancelled') });
    }
    return { bridgeID: session.bridge.id, loginSessionID: session.id, status: 'cancelled' };
  }

  /** Forget a session entirely, as Beeper Desktop does when it restarts. Waiting clients get a 404. */
  forget(session: SimSession): void {
    session.clearTimers();
    this.sessions.delete(session.id);
    session.settleWaiters({ ok: false, error: new SimError(404, Codes.NOT_FOUND, 'Login session not found') });
  }

  forgetAll(): void {
    for (const s of [...this.sessions.values()]) this.forget(s);
  }

  // ------------------------------------------------------------------ submit

  /** `signal` aborts when the client hangs up (an abandoned long-poll). */
  async submit(session: SimSession, stepID: string, body: SubmitBody, signal?: AbortSignal): Promise<WireLoginSession> {
    if (session.status === 'cancelled') throw new SimError(410, Codes.LOGIN_CANCELLED, 'The login was cancelled');
    const current = session.step;
    if (!current || session.terminal) {
      // Asking again for the step that just finished returns the last result (bridgev2).
      if (session.previousStep?.stepID === stepID && session.previousStep.type === body.type) {
        return this.resultOrThrow(session);
      }
      throw new SimError(410, Codes.LOGIN_ALREADY_FINISHED, 'The login session has already finished');
    }
    if (current.stepID !== stepID) {
      if (session.previousStep?.stepID === stepID && session.previousStep.type === body.type && body.type === 'display_and_wait') {
        return this.deliver(session);
      }
      throw new SimError(400, Codes.BAD_STATE, `Step ${stepID} is not the current step (${current.stepID})`);
    }
    if (current.type !== body.type) {
      throw new SimError(400, Codes.BAD_STATE, `Step ${stepID} is a ${current.type} step, not ${body.type}`);
    }

    if (current.type === 'display_and_wait') return this.wait(session, signal);

    const fields = body.fields ?? {};
    session.lastSubmit = { source: body.source, lastURL: body.lastURL, fieldIDs: Object.keys(fields) };
    if (current.type === 'user_input') {
      for (const f of current.fields) {
        const value = fields[f.id];
        if (!f.optional && (value === undefined || value === '')) {
          throw new SimError(400, Codes.BAD_JSON, `Missing value for field ${f.id}`, { field: f.id });
        }
        if (value && f.pattern && !new RegExp(f.pattern).test(value)) {
          throw new SimError(400, Codes.BAD_JSON, `Invalid value for field ${f.label ?? f.id}`, { field: f.id });
        }
      }
    } else {
      const missing = current.fields.filter((f) => f.required !== false && !fields[f.id]).map((f) => f.id);
      if (missing.length > 0) {
        if (current.onMissing === 'fail') {
          this.apply(session, { fail: current.missingFailure ?? { code: Codes.BAD_JSON, message: 'Missing cookies' } });
          return this.resultOrThrow(session);
        }
        throw new SimError(400, Codes.BAD_JSON, `Missing values for ${missing.join(', ')}`, { fields: missing });
      }
      for (const f of current.fields) {
        const value = fields[f.id];
        if (value && f.pattern && !new RegExp(f.pattern).test(value)) {
          throw new SimError(400, Codes.BAD_JSON, `Invalid value for ${f.sources[0]?.name ?? f.id}`, { field: f.id });
        }
      }
    }
    const transition = current.submit(fields, session.ctx);
    if ('reject' in transition) throw transition.reject;
    this.apply(session, transition);
    return this.resultOrThrow(session);
  }

  private wait(session: SimSession, signal?: AbortSignal): Promise<WireLoginSession> {
    if (session.version > session.delivered) return Promise.resolve(this.deliver(session));
    return new Promise((resolve, reject) => {
      session.addWaiter((r) => (r.ok ? resolve(r.session) : reject(r.error)), signal);
    });
  }

  private resultOrThrow(session: SimSession): WireLoginSession {
    if (session.status === 'failed' && session.error?.httpStatus) {
      throw new SimError(session.error.httpStatus, session.error.code, session.error.message);
    }
    return this.deliver(session);
  }

  // ------------------------------------------------------------------ events from test control

  scan(session: SimSession, opts: ScanOptions): WireLoginSession {
    const current = session.step;
    if (!current || (current.type !== 'display_and_wait' && current.type !== 'future') || session.terminal) {
      throw new SimError(409, Codes.BAD_STATE, 'The session is not showing a QR code, code or emoji');
    }
    this.apply(session, current.onScan(opts, session.ctx));
    return this.snapshot(session);
  }

  // ------------------------------------------------------------------ transitions

  apply(session: SimSession, t: Transition): void {
    if (session.terminal) return;
    if ('reject' in t) throw t.reject;
    if (session.step) session.previousStep = { stepID: session.step.stepID, type: session.step.type };
    session.clearTimers();
    session.schedule(session.createdAt + this.getConfig().sessionTtlMs - Date.now(), () =>
      this.apply(session, { fail: { code: Codes.LOGIN_TIMED_OUT, message: 'The login process timed out', httpStatus: 410 } }),
    );

    if ('step' in t) {
      session.step = t.step;
      session.status = statusForStep(t.step);
      session.display = undefined;
      if (t.step.type === 'display_and_wait') this.startDisplay(session, t.step);
    } else if ('complete' in t) {
      session.clearTimers();
      const { login, accounts } = this.state.completeLogin(session.bridge, t.complete, session.reconnect?.loginID);
      session.result = { loginID: login.loginID, accountIDs: accounts.map((a) => a.accountID) };
      session.status = 'complete';
      session.display = undefined;
    } else {
      session.clearTimers();
      session.step = undefined;
      session.display = undefined;
      session.status = 'failed';
      session.error = t.fail;
    }
    session.version++;

    if (session.waiting > 0) {
      if (session.status === 'failed' && session.error?.httpStatus) {
        session.settleWaiters({
          ok: false,
          error: new SimError(session.error.httpStatus, session.error.code, session.error.message),
        });
      } else {
        const snapshot = this.deliver(session);
        session.settleWaiters({ ok: true, session: snapshot });
      }
    }
  }

  private startDisplay(session: SimSession, s: DisplayStepDef): void {
    session.display = s.display(session.ctx);
    this.displayed(session);
    const config = this.getConfig();
    if (s.rotation) {
      const rotation = s.rotation;
      session.rotationsLeft = rotation.rotations;
      const interval = (real: number): number => config.qrRotationMs ?? this.scaled(real);
      const tick = (): void => {
        if (session.step !== s || session.terminal) return;
        if (session.rotationsLeft <= 0) {
          this.apply(session, { fail: rotation.exhausted });
          return;
        }
        session.rotationsLeft--;
        session.display = s.display(session.ctx);
        session.version++;
        this.displayed(session);
        if (session.waiting > 0) session.settleWaiters({ ok: true, session: this.deliver(session) });
        session.schedule(interval(rotation.everyMs), tick);
      };
      session.schedule(interval(rotation.firstMs), tick);
    } else if (s.expiresAfterMs !== undefined && s.expired) {
      const expired = s.expired;
      session.schedule(this.scaled(s.expiresAfterMs), () => {
        if (session.step === s) this.apply(session, { fail: expired });
      });
    }
  }

  private scaled(realMs: number): number {
    return Math.max(1, Math.round(realMs * this.getConfig().timeScale));
  }

  // ------------------------------------------------------------------ wire

  private deliver(session: SimSession): WireLoginSession {
    session.delivered = session.version;
    return this.snapshot(session);
  }

  /** The session as the configured profile puts it on the wire. */
  snapshot(session: SimSession): WireLoginSession {
    return presentSession(this.fullSnapshot(session), session.bridge, this.getConfig().profile) as unknown as WireLoginSession;
  }

  /** Everything the simulator knows about the session, in the `bridgev2` wire shape. */
  private fullSnapshot(session: SimSession): WireLoginSession {
    const legacy = this.getConfig().legacyAccountShape;
    const out: WireLoginSession = {
      bridgeID: session.bridge.id,
      loginSessionID: session.id,
      status: session.status,
    };
    if (session.reconnect) {
      out.loginID = session.reconnect.loginID;
      if (session.reconnect.accountID) out.accountID = session.reconnect.accountID;
    }
    const step = this.wireStep(session);
    if (step) out.currentStep = step;
    if (session.status === 'complete' && session.result) {
      const login = this.state.login(session.bridge.id, session.result.loginID);
      const account = this.state.accounts.get(session.result.accountIDs[0] ?? '');
      out.loginID = session.result.loginID;
      if (account) {
        out.accountID = account.accountID;
        out.account = this.state.wireAccount(account, legacy);
      }
      if (login) out.login = this.state.wireLogin(login);
    }
    if (session.status === 'failed' && session.error) {
      out.error = { code: session.error.code, message: session.error.message };
    }
    return out;
  }

  private wireStep(session: SimSession): WireStep | undefined {
    if (session.status === 'complete') {
      const out: WireStep = { type: 'complete' };
      if (session.bridge.completeStepID) out.stepID = session.bridge.completeStepID;
      const login = session.result && this.state.login(session.bridge.id, session.result.loginID);
      const account = session.result && this.state.accounts.get(session.result.accountIDs[0] ?? '');
      if (login) {
        out.login = this.state.wireLogin(login);
        const who = login.user.phoneNumber ?? login.user.username ?? login.user.email ?? login.user.fullName;
        out.instructions = `Successfully logged in as ${who ?? login.loginID}`;
      }
      if (account) out.account = this.state.wireAccount(account, this.getConfig().legacyAccountShape);
      return out;
    }
    const s = session.step;
    if (!s || session.terminal) return undefined;
    switch (s.type) {
      case 'user_input': {
        const out: WireStep = { type: 'user_input', stepID: s.stepID, fields: s.fields.map((f) => ({ ...f })) };
        if (s.instructions) out.instructions = s.instructions;
        if (s.attachments) out.attachments = s.attachments;
        return out;
      }
      case 'cookies': {
        const out: WireStep = { type: 'cookies', stepID: s.stepID, url: s.url, fields: s.fields.map((f) => ({ ...f, sources: f.sources.map((x) => ({ ...x })) })) };
        if (s.instructions) out.instructions = s.instructions;
        if (s.expectedFinalURLRegex) out.expectedFinalURLRegex = s.expectedFinalURLRegex;
        if (s.extractJS) out.extractJS = s.extractJS;
        if (s.userAgent) out.userAgent = s.userAgent;
        return out;
      }
      case 'display_and_wait': {
        const display = presentDisplay(session.display ?? { type: 'nothing' }, this.getConfig().profile, session.ctx.baseURL);
        const out: WireStep = { type: 'display_and_wait', stepID: s.stepID, display };
        if (s.instructions) out.instructions = s.instructions;
        return out;
      }
      case 'future':
        return { ...s.wire, stepID: s.stepID };
    }
  }
}
