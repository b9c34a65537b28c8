/**
 * The session engine against a scripted server, for answers the simulator never gives: a step type
 * this app does not know, `complete` without a complete-step, a 200 `failed`, a missing step.
 */
import BeeperDesktop from '@beeper/desktop-api';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseResponse, type BeeperApi } from '../../../../main/core/api/client.ts';
import { LoginSessionSchema, type LoginSession } from '../../../../main/core/api/schemas.ts';
import { AppError, toAppError } from '../../../../main/core/errors.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { SessionEngine, type SessionEngineDeps } from '../../../../main/core/sessions/engine.ts';
import { identityOf } from '../../../../main/core/accounts/model.ts';
import { SessionViewSchema } from '../../../../preload/contract/views.ts';
import { garbage, loginSession } from '../../../support/sdk-arbitraries.ts';

type Script = (method: string, args: unknown[]) => unknown;

function engineWith(script: Script, deps: Partial<SessionEngineDeps> = {}) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const call = (method: string) => async (...args: unknown[]) => {
    calls.push({ method, args });
    const r = script(method, args);
    if (r instanceof Error) throw r;
    return method === 'cancelSession' ? undefined : parseResponse(LoginSessionSchema, await r, 'login session');
  };
  const api = { createSession: call('createSession'), submitStep: call('submitStep'), getSession: call('getSession'), cancelSession: call('cancelSession') } as unknown as BeeperApi;
  const completed: unknown[] = [];
  const engine = new SessionEngine({ api: () => api, log: new Logger(), bridgeName: () => 'Network', onComplete: (s) => completed.push(s), ...deps });
  return { engine, calls, completed, api };
}

const base = { bridgeID: 'b', loginSessionID: 'ls_1' };

describe('SessionEngine with unusual answers', () => {
  it('a step type it does not know: a clear screen with Cancel, checked for progress, cancelled on the server on Cancel', async () => {
    let answer: unknown = { ...base, status: 'waiting_for_passkey', currentStep: { type: 'webauthn', stepID: 'passkey', instructions: 'Use your passkey.' } };
    const { engine, calls } = engineWith(() => answer, { unsupportedPollMs: 5 });
    const s = await engine.start({ bridgeID: 'b' });
    expect(s).toMatchObject({ phase: 'unsupported', error: null, step: { type: 'unsupported', rawType: 'webauthn', instructions: 'Use your passkey.', stepID: 'passkey' } });
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'getSession').length).toBeGreaterThanOrEqual(2));
    await engine.cancel(s.id);
    expect(calls.at(-1)!.method).toBe('cancelSession');
    const polls = calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls.length).toBe(polls); // no checking after cancel
    answer = null;
  });

  it('moves on when a session it could not show reaches a step it knows', async () => {
    let answer: unknown = { ...base, status: 'waiting_for_passkey' };
    const { engine } = engineWith(() => answer, { unsupportedPollMs: 5 });
    const s = await engine.start({ bridgeID: 'b' });
    expect(s).toMatchObject({ phase: 'unsupported', step: { type: 'unsupported', rawType: 'waiting_for_passkey', instructions: null } });
    answer = { ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'code', fields: [{ id: 'code' }] } };
    await vi.waitFor(() => expect(engine.get(s.id)).toMatchObject({ phase: 'user_input', step: { stepID: 'code' } }));
  });

  it('cancels on the server whenever the session fails on this side: an unreadable answer, a missing step', async () => {
    for (const answer of [
      { ...base, status: 'waiting_for_input' }, // no step
      { bridgeID: 'b', loginSessionID: 'ls_1', status: 42 }, // unreadable, but its ID is known
    ]) {
      const { engine, calls } = engineWith((m) => (m === 'createSession' ? answer : null));
      const s = await engine.start({ bridgeID: 'b' });
      expect(s).toMatchObject({ phase: 'failed', error: { kind: 'invalid_response' } });
      await vi.waitFor(() => expect(calls.map((c) => [c.method, c.args[1]])).toEqual([['createSession', expect.anything()], ['cancelSession', 'ls_1']]));
    }
  });

  it('a session that fails with a connector code means what an error answer with that code means', async () => {
    for (const code of ['FI.MAU.BRIDGE.TOO_MANY_LOGINS', 'BRIDGE_DISABLED', 'FI.MAU.BRIDGE.LOGIN_CANCELLED', 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT', 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED', 'COM.EXAMPLE.SOMETHING']) {
      const { engine } = engineWith(() => ({ ...base, status: 'failed', error: { code, message: 'No.' } }));
      const answered = toAppError(new BeeperDesktop.APIError(400, { code, message: 'No.' }, undefined, new Headers()), 'session');
      const view = await engine.start({ bridgeID: 'b' });
      // A cancelled login is shown as cancelled, not as an error.
      expect(answered.kind === 'cancelled' ? view.phase : view.error?.kind, code).toBe(answered.kind);
    }
  });

  it('a failure whose message is blank says something all the same', async () => {
    const { engine } = engineWith(() => ({ ...base, status: 'failed', error: { code: 'X', message: '  ' } }));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'failed', error: { code: 'X', message: 'The login failed.' } });
  });

  it('does not cancel what the server already ended (a 200 `failed`)', async () => {
    const { engine, calls } = engineWith(() => ({ ...base, status: 'failed', error: { code: 'X', message: 'No.' } }));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'failed', error: { message: 'No.' } });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls.map((c) => c.method)).toEqual(['createSession']);
  });

  it('the emoji: a data: URL is shown at once, http is fetched, any other scheme says it cannot be shown', async () => {
    const svg = 'data:image/svg+xml;base64,PHN2Zy8+';
    const emoji = (imageURL: string) => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'e', display: { type: 'emoji', imageURL } } });
    const fetched: string[] = [];
    for (const [url, expected] of [
      [svg, { imageURL: svg, loading: false }],
      ['mxc://beeper.com/fox', { imageURL: null, loading: false }],
      ['https://x.example/fox.png', { imageURL: 'data:image/png;base64,AAAA', loading: false }],
    ] as const) {
      const { engine } = engineWith((m) => (m === 'createSession' ? emoji(url) : new Promise(() => {})), {
        fetchImage: (u) => {
          fetched.push(u);
          return Promise.resolve('data:image/png;base64,AAAA');
        },
      });
      const s = await engine.start({ bridgeID: 'b' });
      await vi.waitFor(() => expect(engine.get(s.id).step).toMatchObject({ display: { kind: 'emoji', ...expected } }));
      await engine.cancel(s.id);
    }
    expect(fetched).toEqual(['https://x.example/fox.png']);
  });

  it('completes with or without a complete step, and reports who was connected', async () => {
    const account = { accountID: 'b_L', bridge: { id: 'b', provider: 'local', type: 'b' }, user: { id: 'L', fullName: 'Sam' }, network: 'Net' };
    for (const answer of [
      { ...base, status: 'complete', loginID: 'L', account },
      { ...base, status: 'complete', currentStep: { type: 'complete', login: { bridgeID: 'b', loginID: 'L', removeScopes: [], status: 'connected', accountIDs: ['b_L'], user: { id: 'L', fullName: 'Sam' } } } },
    ]) {
      const { engine, completed } = engineWith(() => answer);
      const s = await engine.start({ bridgeID: 'b', loginID: 'L' });
      expect(s).toMatchObject({ phase: 'complete', finished: true, result: { loginID: 'L', accountIDs: ['b_L'], identity: { name: 'Sam' }, restored: true } });
      expect(completed).toHaveLength(1);
    }
  });

  it('treats a 200 with status failed like an HTTP failure', async () => {
    const { engine } = engineWith((m) =>
      m === 'createSession'
        ? { ...base, status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x', fields: [{ id: 'k', name: 'k', type: 'cookie' }] } }
        : { ...base, status: 'failed', error: { code: 'FI.MAU.META_MISSING_COOKIES', message: 'Missing cookies: please log in again' } },
    );
    const s = await engine.start({ bridgeID: 'b' });
    const done = await engine.submitCookies(s.id, { k: 'v' }, { source: 'api' });
    expect(done).toMatchObject({ phase: 'failed', error: { code: 'FI.MAU.META_MISSING_COOKIES', message: 'Missing cookies: please log in again' } });
  });

  it('fails a waiting session that has no step, and cancels it', async () => {
    const { engine, calls } = engineWith(() => ({ ...base, status: 'waiting_for_input' }));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'failed', error: { kind: 'invalid_response' } });
    await vi.waitFor(() => expect(calls.at(-1)!.method).toBe('cancelSession'));
  });

  it('keeps waiting after its own long-poll times out, checking the session in between', async () => {
    let polls = 0;
    const qr = { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: 'A' } } };
    const { engine, calls } = engineWith((m) => {
      if (m === 'createSession' || m === 'getSession') return qr;
      polls++;
      return polls === 1 ? new AppError('network', 'Beeper Desktop did not answer in time.') : { ...base, status: 'complete', loginID: 'L' };
    });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('complete'));
    expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'getSession', 'submitStep']);
  });

  it('a session cancelled elsewhere (410 LOGIN_CANCELLED) ends as cancelled, not failed', async () => {
    const { engine } = engineWith((m) =>
      m === 'createSession'
        ? { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'nothing' } } }
        : new AppError('cancelled', 'The login was cancelled.', { code: 'FI.MAU.BRIDGE.LOGIN_CANCELLED', status: 410 }),
    );
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id)).toMatchObject({ phase: 'cancelled', error: null }));
  });

  it('cancelling while the session is still being created ends it on the server once it exists', async () => {
    let create!: (v: LoginSession) => void;
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? new Promise((r) => (create = r)) : null));
    const starting = engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.list()).toHaveLength(1));
    await engine.cancel(engine.list()[0]!.id);
    create({ ...base, status: 'waiting_for_input', rawStatus: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'x', fields: [] } });
    expect((await starting).phase).toBe('cancelled');
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toContain('cancelSession'));
  });

  it('never keeps typed values: they are not in the view, and a second submit while busy is refused', async () => {
    let answer!: (v: unknown) => void;
    const step = { type: 'user_input', stepID: 'pw', fields: [{ id: 'password', type: 'password' }] };
    const { engine } = engineWith((m) => (m === 'createSession' ? { ...base, status: 'waiting_for_input', currentStep: step } : new Promise((r) => (answer = r))));
    const s = await engine.start({ bridgeID: 'b' });
    const pending = engine.submitInput(s.id, { password: 'hunter2-secret' });
    expect(engine.get(s.id).busy).toBe(true);
    await expect(engine.submitInput(s.id, { password: 'again' })).rejects.toMatchObject({ kind: 'invalid_request' });
    answer({ ...base, status: 'waiting_for_input', currentStep: step });
    await pending;
    expect(JSON.stringify(engine.list())).not.toContain('hunter2-secret');
  });
});


const RUNS = { numRuns: 300 };

describe('session engine', () => {
  const TERMINAL_ON_SERVER = new Set(['complete', 'failed', 'cancelled']);

  /** A server that answers every call with the generated answer; a long-poll waits until aborted. */
  function engineAnswering(answer: unknown) {
    const cancelled: string[] = [];
    const read = (): Promise<unknown> => Promise.resolve().then(() => parseResponse(LoginSessionSchema, answer, 'login session'));
    const api = {
      createSession: read,
      getSession: read,
      submitStep: (_b: string, _s: string, _step: string, body: { type: string }, signal?: AbortSignal) =>
        body.type === 'display_and_wait'
          ? new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new AppError('cancelled', 'aborted')), { once: true }))
          : read(),
      cancelSession: (_b: string, id: string) => {
        cancelled.push(id);
        return Promise.resolve();
      },
    } as unknown as BeeperApi;
    const engine = new SessionEngine({ api: () => api, log: new Logger(), bridgeName: () => 'Network', onComplete: () => {}, unsupportedPollMs: 60_000 });
    return { engine, cancelled };
  }

  it('always ends in progress, a clear error, or cancelled; never leaves a session running on the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: loginSession }, { weight: 1, arbitrary: garbage }), async (answer) => {
        const { engine, cancelled } = engineAnswering(answer);
        const view = await engine.start({ bridgeID: 'b' });
        expect(SessionViewSchema.safeParse(view).success).toBe(true);
        expect(['user_input', 'cookies', 'display_and_wait', 'unsupported', 'complete', 'failed', 'cancelled']).toContain(view.phase);
        if (view.phase === 'failed') expect(view.error?.message).toMatch(/\S/);
        if (view.phase === 'user_input' || view.phase === 'cookies' || view.phase === 'display_and_wait' || view.phase === 'unsupported') expect(view.step).not.toBeNull();
        // The user closes the screen: whatever the server still runs is cancelled there.
        await engine.dismiss(view.id);
        await new Promise((r) => setTimeout(r, 0));
        const raw = answer as { loginSessionID?: unknown; status?: unknown } | null;
        const id = raw && typeof raw === 'object' && typeof raw.loginSessionID === 'string' && raw.loginSessionID.length > 0 ? raw.loginSessionID : null;
        const endedOnServer = raw && typeof raw === 'object' && TERMINAL_ON_SERVER.has(String(raw.status));
        if (id && !endedOnServer) expect(cancelled).toContain(id);
        expect(engine.list()).toEqual([]);
      }),
      RUNS,
    );
  });
});

/** What the SDK client throws for an HTTP error answer on a session route. */
const httpError = (status: number, code?: string, context: 'session' | 'submit' = 'submit'): AppError =>
  toAppError(BeeperDesktop.APIError.generate(status, code ? { code, message: 'x' } : {}, undefined, new Headers()), context);

describe('whether the server still holds a session: decided from evidence about that session', () => {
  const input = { ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'phone', fields: [{ id: 'phone' }] } };
  const qr = (data: string) => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data } } });
  const cancels = (calls: Array<{ method: string }>) => calls.filter((c) => c.method === 'cancelSession').length;

  it('a 5xx with a timeout code on a submit keeps the step, says so, and ends nothing', async () => {
    const { engine, calls } = engineWith((m) => (m === 'submitStep' ? httpError(504, 'GATEWAY_TIMEOUT') : input));
    const s = await engine.start({ bridgeID: 'b' });
    const after = await engine.submitInput(s.id, { phone: '+15551234567' });
    expect(after).toMatchObject({ phase: 'user_input', stepError: { kind: 'server_error', code: 'GATEWAY_TIMEOUT', status: 504 }, error: null });
    expect(cancels(calls)).toBe(0);
  });

  it('a failure with no evidence that the session ended is ended on the server: a timeout code on a 400, a 5xx when checking', async () => {
    for (const [submitError, check] of [
      [httpError(400, 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT'), input],
      [httpError(504, 'GATEWAY_TIMEOUT'), httpError(502, 'BAD_GATEWAY', 'session')],
      [httpError(400, 'FI.MAU.BRIDGE.LOGIN_CANCELLED'), input],
    ] as const) {
      const { engine, calls } = engineWith((m) => (m === 'submitStep' ? submitError : m === 'getSession' ? check : input));
      const s = await engine.start({ bridgeID: 'b' });
      const after = await engine.submitInput(s.id, { phone: '+15551234567' });
      expect(after.finished, submitError.code).toBe(true);
      await vi.waitFor(() => expect(calls.filter((c) => c.method === 'cancelSession').map((c) => c.args[1]), submitError.code).toEqual(['ls_1']));
    }
  });

  it('a 404 or 410 for the session itself is the evidence: nothing is sent to end it again', async () => {
    for (const status of [404, 410]) {
      const { engine, calls } = engineWith((m) => (m === 'submitStep' ? httpError(status) : input));
      const s = await engine.start({ bridgeID: 'b' });
      expect(await engine.submitInput(s.id, { phone: '+15551234567' })).toMatchObject({ phase: 'failed', error: { kind: 'session_expired', status } });
      await new Promise((r) => setTimeout(r, 10));
      expect(cancels(calls), String(status)).toBe(0);
    }
  });

  it('a 408 on the long-poll is polled again, not a failed login', async () => {
    let polls = 0;
    const { engine, calls } = engineWith((m) => {
      if (m !== 'submitStep') return qr('A');
      polls++;
      return polls === 1 ? httpError(408, 'REQUEST_TIMEOUT') : polls === 2 ? qr('B') : new Promise(() => {});
    }, { pacing: { initialMs: 1, maxMs: 1 } });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).step).toMatchObject({ display: { kind: 'qr', data: 'B' } }));
    expect(engine.get(s.id)).toMatchObject({ phase: 'display_and_wait', error: null });
    expect(cancels(calls)).toBe(0);
    await engine.cancel(s.id);
  });

  it('a 5xx on the long-poll keeps waiting too, after checking the session', async () => {
    let polls = 0;
    const { engine, calls } = engineWith((m) => {
      if (m !== 'submitStep') return qr('A');
      polls++;
      return polls === 1 ? httpError(503, 'SERVICE_UNAVAILABLE') : { ...base, status: 'complete', loginID: 'L' };
    }, { pacing: { initialMs: 1, maxMs: 1 } });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('complete'));
    expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'getSession', 'submitStep']);
  });
});

describe('pacing the long-poll when the server answers at once', () => {
  const qr = (data: string) => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data } } });
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('an unchanged answer that comes at once is followed by a growing delay: at most 20 requests a minute', async () => {
    const { engine, calls } = engineWith(() => qr('SAME'));
    const s = await engine.start({ bridgeID: 'b' });
    await vi.advanceTimersByTimeAsync(60_000);
    const polls = calls.filter((c) => c.method === 'submitStep').length;
    expect(polls).toBeGreaterThanOrEqual(10); // still polling, every 5 s at the slowest
    expect(polls).toBeLessThanOrEqual(20);
    await engine.cancel(s.id);
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(before); // no request after Cancel
    expect(vi.getTimerCount()).toBe(0); // and no timer outlives the session
  });

  it('a new QR is asked for again at once and resets the delay, so rotation stays prompt', async () => {
    const at: number[] = [];
    // Two unchanged answers, three new QRs, then unchanged again.
    const answers = ['Q0', 'Q0', 'Q1', 'Q2', 'Q3', 'Q3', 'Q3'];
    const { engine } = engineWith((m) => {
      if (m !== 'submitStep') return qr('Q0');
      at.push(Date.now());
      return qr(answers[at.length - 1] ?? 'Q3');
    });
    const start = Date.now();
    const s = await engine.start({ bridgeID: 'b' });
    await vi.advanceTimersByTimeAsync(10_000);
    const gaps = at.map((t, i) => t - (i === 0 ? start : at[i - 1]!));
    expect(gaps.slice(0, 8)).toEqual([0, 500, 1_000, 0, 0, 0, 500, 1_000]);
    expect(engine.get(s.id).step).toMatchObject({ display: { data: 'Q3' } });
    await engine.cancel(s.id);
  });

  it('an unchanged answer after a real long-poll wait is followed by the next poll at once', async () => {
    const at: number[] = [];
    const { engine } = engineWith((m) => {
      if (m !== 'submitStep') return qr('Q0');
      at.push(Date.now());
      return new Promise((r) => setTimeout(() => r(qr('Q0')), 30_000));
    });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(at.map((t) => t - at[0]!)).toEqual([0, 30_000, 60_000, 90_000]);
    await engine.cancel(s.id);
  });

  it('the delay doubles from 0.5 s to 5 s while nothing changes', async () => {
    const at: number[] = [];
    const { engine } = engineWith((m) => {
      if (m === 'submitStep') at.push(Date.now());
      return qr('SAME');
    });
    const start = Date.now();
    const s = await engine.start({ bridgeID: 'b' });
    await vi.advanceTimersByTimeAsync(30_000);
    const gaps = at.map((t, i) => t - (i === 0 ? start : at[i - 1]!));
    expect(gaps.slice(0, 7)).toEqual([0, 500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    await engine.cancel(s.id);
  });
});

describe('the emoji picture at a path on Beeper Desktop', () => {
  it('a relative imageURL is fetched (images.ts resolves it against the API origin)', async () => {
    const fetched: string[] = [];
    const { engine } = engineWith((m) => (m === 'createSession' ? { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'e', display: { type: 'emoji', imageURL: '/v1/assets/emoji/fox.png' } } } : new Promise(() => {})), {
      fetchImage: (u) => {
        fetched.push(u);
        return Promise.resolve('data:image/png;base64,AAAA');
      },
    });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).step).toMatchObject({ display: { kind: 'emoji', imageURL: 'data:image/png;base64,AAAA', loading: false } }));
    expect(fetched).toEqual(['/v1/assets/emoji/fox.png']);
    await engine.cancel(s.id);
  });
});

describe('what a failed login leaves in the log', () => {
  it('the server’s code, for support, and never the code the user typed', async () => {
    const { sink, entries } = memorySink();
    const step = { ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'code', fields: [{ id: 'code', type: '2fa_code' }] } };
    const { engine } = engineWith((m) => (m === 'submitStep' ? { ...base, status: 'failed', error: { code: 'FI.MAU.TELEGRAM.PHONE_CODE_EXPIRED', message: 'The code expired.' } } : step), {
      log: new Logger({ sinks: [sink], level: 'debug' }),
    });
    const s = await engine.start({ bridgeID: 'b' });
    expect(await engine.submitInput(s.id, { code: '31415926' })).toMatchObject({ phase: 'failed' });
    const text = JSON.stringify(entries);
    expect(text).toContain('FI.MAU.TELEGRAM.PHONE_CODE_EXPIRED');
    expect(text).not.toContain('31415926');
  });
});

describe('what never reaches the server', () => {
  const cookies = { ...base, status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x', fields: [{ id: 'd', name: 'd', type: 'cookie', required: true }, { id: 'tok', name: 'Token', type: 'cookie', required: true }, { id: 'opt', name: 'opt', type: 'cookie', required: false }] } };

  it('a cookie submit with a required value missing (or blank) is refused here, naming it, and nothing is sent', async () => {
    const { engine, calls } = engineWith(() => cookies);
    const s = await engine.start({ bridgeID: 'b' });
    const after = await engine.submitCookies(s.id, { d: 'xoxd-1', tok: '   ' }, { source: 'api' });
    expect(after).toMatchObject({ phase: 'cookies', stepError: { kind: 'invalid_input', code: 'MISSING_FIELDS', message: 'Still needed: Token.' } });
    expect(calls.map((c) => c.method)).toEqual(['createSession']);
    // With both, trimmed, and without the optional one, it is sent.
    await engine.submitCookies(s.id, { d: ' xoxd-1 ', tok: 'T' }, { source: 'webview', lastURL: 'https://x/home' });
    expect(calls.at(-1)!.method).toBe('submitStep');
    expect(calls.at(-1)!.args.slice(0, 4)).toEqual(['b', 'ls_1', 'c', { type: 'cookies', fields: { d: 'xoxd-1', tok: 'T' }, source: 'webview', lastURL: 'https://x/home' }]);
  });

  it('sign-out (cancelAll) ends every live session on the server, and leaves finished ones alone', async () => {
    const input = (id: string) => ({ ...base, bridgeID: id, loginSessionID: `ls_${id}`, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'x', fields: [{ id: 'x' }] } });
    const { engine, calls } = engineWith((m, args) => (m === 'createSession' ? (args[0] === 'done' ? { ...base, bridgeID: 'done', loginSessionID: 'ls_done', status: 'failed', error: { code: 'X' } } : input(String(args[0]))) : null));
    for (const id of ['one', 'two', 'done']) await engine.start({ bridgeID: id });
    await engine.cancelAll();
    expect(calls.filter((c) => c.method === 'cancelSession').map((c) => c.args[1]).sort()).toEqual(['ls_one', 'ls_two']);
    expect(engine.list().map((v) => v.phase).sort()).toEqual(['cancelled', 'cancelled', 'failed']);
  });
});

describe('SessionEngine, exactly', () => {
  const inputStep = (stepID = 'code') => ({ ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID, fields: [{ id: 'code' }] } });
  const cookieStep = { ...base, status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x.example/login', fields: [{ id: 'k', type: 'cookie' }], extractJS: 'go()' } };
  const qrStep = (data: string, stepID = 'q') => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID, display: { type: 'qr', data } } });
  const never = () => new Promise(() => {});
  const logged = () => {
    const { sink, entries } = memorySink();
    return { log: new Logger({ sinks: [sink] }), entries };
  };

  it('listeners hear each change and each removal until they unsubscribe', async () => {
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : undefined));
    const changes: string[] = [];
    const removals: string[] = [];
    const offChange = engine.onChange((v) => changes.push(v.phase));
    const offRemove = engine.onRemove((id) => removals.push(id));
    const s = await engine.start({ bridgeID: 'b' });
    expect(changes).toEqual(['starting', 'user_input']);
    await engine.dismiss(s.id);
    expect(changes).toEqual(['starting', 'user_input', 'cancelled']);
    expect(removals).toEqual([s.id]);
    offChange();
    offRemove();
    const t = await engine.start({ bridgeID: 'b' });
    await engine.dismiss(t.id);
    expect(changes).toHaveLength(3);
    expect(removals).toEqual([s.id]);
  });

  it('a login attempt that is not open says so; dismissing one twice is harmless', async () => {
    const { engine } = engineWith(() => inputStep());
    expect(() => engine.get('ses_nope')).toThrow(expect.objectContaining({ kind: 'not_found', message: 'That login attempt is no longer open.' }));
    await expect(engine.submitInput('ses_nope', {})).rejects.toMatchObject({ kind: 'not_found' });
    await expect(engine.cancel('ses_nope')).rejects.toMatchObject({ kind: 'not_found' });
    const s = await engine.start({ bridgeID: 'b' });
    await engine.dismiss(s.id);
    await expect(engine.dismiss(s.id)).resolves.toBeUndefined();
    expect(engine.list()).toEqual([]);
  });

  it('the raw cookies step is handed out only while a session waits for a browser sign-in', async () => {
    const { engine } = engineWith((m) => (m === 'createSession' ? cookieStep : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    expect(engine.cookiesStep(s.id)).toMatchObject({ type: 'cookies', stepID: 'c', url: 'https://x.example/login', extractJS: 'go()' });
    const other = engineWith((m) => (m === 'createSession' ? inputStep() : undefined)).engine;
    const t = await other.start({ bridgeID: 'b' });
    expect(() => other.cookiesStep(t.id)).toThrow(expect.objectContaining({ kind: 'invalid_request', message: 'This login is not waiting for a browser sign-in.' }));
    await engine.cancel(s.id);
    expect(() => engine.cookiesStep(s.id)).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
  });

  it('with Beeper Desktop gone the login fails saying so, and ending it is only logged', async () => {
    const { log, entries } = logged();
    const { engine } = engineWith(() => inputStep(), { api: () => null, log });
    const s = await engine.start({ bridgeID: 'b' });
    expect(s).toMatchObject({ phase: 'failed', error: { kind: 'not_running', message: 'Beeper Desktop stopped while connecting. Start again once it is running.' } });
    expect(entries.find((e) => e.message === 'login session failed')?.data).toMatchObject({ bridgeID: 'b', error: { kind: 'not_running' } });
  });

  it('the same request again returns the live session; another flow, login or account on that bridge replaces it; other bridges are left alone', async () => {
    const { engine, calls } = engineWith((m, args) => (m === 'createSession' ? { ...inputStep(), bridgeID: args[0] as string, loginSessionID: `ls_${calls.length}` } : undefined));
    const a = await engine.start({ bridgeID: 'b', flowID: 'qr', loginID: 'L', accountID: 'A' });
    expect((await engine.start({ bridgeID: 'b', flowID: 'qr', loginID: 'L', accountID: 'A' })).id).toBe(a.id);
    const other = await engine.start({ bridgeID: 'c', flowID: 'qr', loginID: 'L', accountID: 'A' });
    expect(other.id).not.toBe(a.id);
    let previous = a;
    for (const req of [
      { bridgeID: 'b', flowID: 'phone', loginID: 'L', accountID: 'A' },
      { bridgeID: 'b', flowID: 'phone', loginID: 'M', accountID: 'A' },
      { bridgeID: 'b', flowID: 'phone', loginID: 'M', accountID: 'B' },
    ]) {
      const next = await engine.start(req);
      expect(next.id, JSON.stringify(req)).not.toBe(previous.id);
      expect(engine.get(previous.id).phase).toBe('cancelled');
      previous = next;
    }
    expect(engine.get(other.id).phase).toBe('user_input');
    expect(calls.filter((c) => c.method === 'cancelSession')).toHaveLength(3);
    // A finished session is not "the same request": a new one starts.
    await engine.cancel(previous.id);
    expect((await engine.start({ bridgeID: 'b', flowID: 'phone', loginID: 'M', accountID: 'B' })).id).not.toBe(previous.id);
  });

  it('asks the server for exactly the flow, login and account given', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? inputStep() : undefined));
    await engine.start({ bridgeID: 'b' });
    await engine.start({ bridgeID: 'c', flowID: 'qr' });
    await engine.start({ bridgeID: 'd', loginID: 'L' });
    await engine.start({ bridgeID: 'e', accountID: 'A' });
    expect(calls.filter((c) => c.method === 'createSession').map((c) => [c.args[0], c.args[1]])).toStrictEqual([
      ['b', {}],
      ['c', { flowID: 'qr' }],
      ['d', { loginID: 'L' }],
      ['e', { accountID: 'A' }],
    ]);
  });

  it('a start that fails before the server names a session sends nothing to end; one cancelled meanwhile stays cancelled', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? new AppError('server_error', 'down', { status: 500 }) : undefined));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'failed', error: { kind: 'server_error' } });
    expect(calls.map((c) => c.method)).toEqual(['createSession']);

    let reject!: (e: Error) => void;
    const slow = engineWith((m) => (m === 'createSession' ? new Promise((_, r) => (reject = r)) : undefined));
    const starting = slow.engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(slow.engine.list()).toHaveLength(1));
    await slow.engine.cancel(slow.engine.list()[0]!.id);
    reject(new AppError('server_error', 'down', { status: 500 }));
    expect(await starting).toMatchObject({ phase: 'cancelled', error: null });
  });

  it('an answer arriving after Cancel changes nothing', async () => {
    let answer!: (v: unknown) => void;
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new Promise((r) => (answer = r)) : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    const submitting = engine.submitInput(s.id, { code: '1' });
    await engine.cancel(s.id);
    answer({ ...base, status: 'complete', loginID: 'L' });
    expect(await submitting).toMatchObject({ phase: 'cancelled', result: null });
  });

  it('a session the server says was cancelled ends as cancelled, with nothing more sent', async () => {
    const { engine, calls } = engineWith(() => ({ ...base, status: 'cancelled' }));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'cancelled', finished: true, error: null, step: null });
    await new Promise((r) => setTimeout(r, 5));
    expect(calls.map((c) => c.method)).toEqual(['createSession']);
  });

  it('a failed session with no error says so plainly; its code and trimmed message are kept', async () => {
    const { engine } = engineWith(() => ({ ...base, status: 'failed' }));
    expect((await engine.start({ bridgeID: 'b' })).error).toMatchObject({ kind: 'unknown', message: 'The login failed.' });
    const coded = engineWith(() => ({ ...base, status: 'failed', error: { code: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS', message: '  Too many.  ' } })).engine;
    expect((await coded.start({ bridgeID: 'b' })).error).toMatchObject({ code: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS', message: 'Too many.' });
  });

  it('the revision counts displays: the same QR again keeps it, a new one raises it', async () => {
    const answers = [qrStep('A'), qrStep('A'), qrStep('B'), qrStep('B'), { ...base, status: 'complete', loginID: 'L' }];
    const revisions: number[] = [];
    const { engine } = engineWith(() => answers.shift() ?? never(), { pacing: { initialMs: 1, maxMs: 1 } });
    engine.onChange((v) => {
      if (v.step?.type === 'display_and_wait') revisions.push(v.step.revision);
    });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('complete'));
    expect(revisions).toEqual([1, 1, 2, 2]);
  });

  it('an emoji with no picture is shown without one and fetches nothing', async () => {
    const fetched: string[] = [];
    const { engine } = engineWith((m) => (m === 'createSession' ? { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'e', display: { type: 'emoji', data: '🦊' } } } : never()), {
      fetchImage: (u) => (fetched.push(u), Promise.resolve(null)),
    });
    const s = await engine.start({ bridgeID: 'b' });
    expect(s.step).toMatchObject({ display: { kind: 'emoji', emoji: '🦊', imageURL: null, loading: false } });
    expect(fetched).toEqual([]);
    await engine.cancel(s.id);
  });

  it('a step it cannot show is logged once, naming the status and the step type', async () => {
    const { log, entries } = logged();
    let polls = 0;
    const { engine } = engineWith(() => (polls++, { ...base, status: 'waiting_for_passkey', currentStep: { type: 'webauthn', stepID: 'p' } }), { unsupportedPollMs: 1, log });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(polls).toBeGreaterThanOrEqual(3));
    await engine.cancel(s.id);
    const warnings = entries.filter((e) => e.message === 'login session reached a step this app cannot show');
    expect(warnings.map((e) => e.data)).toEqual([{ bridgeID: 'b', status: 'waiting_for_passkey', stepType: 'webauthn' }]);

    const bare = logged();
    const noStep = engineWith(() => ({ ...base, status: 'waiting_for_passkey' }), { unsupportedPollMs: 60_000, log: bare.log }).engine;
    const t = await noStep.start({ bridgeID: 'b' });
    await noStep.cancel(t.id);
    expect(bare.entries.find((e) => e.message === 'login session reached a step this app cannot show')?.data).toEqual({ bridgeID: 'b', status: 'waiting_for_passkey' });
  });

  it('a known step of an unknown status is shown as that step', async () => {
    const { engine } = engineWith(() => ({ ...base, status: 'waiting_for_magic', currentStep: { type: 'user_input', stepID: 'x', fields: [] } }));
    expect(await engine.start({ bridgeID: 'b' })).toMatchObject({ phase: 'user_input' });
  });

  it('checking a session it cannot show: a failed check fails the login and ends it on the server', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? { ...base, status: 'waiting_for_passkey' } : m === 'getSession' ? new AppError('server_error', 'down', { status: 500 }) : undefined), { unsupportedPollMs: 1 });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id)).toMatchObject({ phase: 'failed', error: { kind: 'server_error' } }));
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toEqual(['createSession', 'getSession', 'cancelSession']));
  });

  it('a complete session: who was connected, from whichever field the server used', async () => {
    const user = { id: 'U', fullName: 'Sam', phoneNumber: '+15550100' };
    const login = { bridgeID: 'b', loginID: 'L', removeScopes: [], status: 'connected', accountIDs: ['b_L', 'b_L2'], user };
    const account = { accountID: 'b_A', bridge: { id: 'b', provider: 'local', type: 'b' }, user, network: 'WhatsApp', loginID: 'LA' };
    const cases: Array<[Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]> = [
      [{ login }, {}, { loginID: 'L', accountIDs: ['b_L', 'b_L2'], network: 'Network' }],
      [{ connection: login }, {}, { loginID: 'L', accountIDs: ['b_L', 'b_L2'] }],
      [{ login, connection: { ...login, loginID: 'other' } }, {}, { loginID: 'L' }],
      [{ currentStep: { type: 'complete', login } }, {}, { loginID: 'L', accountIDs: ['b_L', 'b_L2'] }],
      [{ account }, {}, { loginID: 'LA', accountIDs: ['b_A'], network: 'WhatsApp' }],
      [{ currentStep: { type: 'complete', account } }, {}, { loginID: 'LA', accountIDs: ['b_A'] }],
      [{ loginID: 'R', account }, {}, { loginID: 'R' }],
      [{ accountID: 'b_X' }, { loginID: 'asked' }, { loginID: 'asked', accountIDs: ['b_X'], identity: null }],
      [{}, {}, { loginID: '', accountIDs: [], identity: null, network: 'Network' }],
    ];
    for (const [extra, req, expected] of cases) {
      const { engine } = engineWith(() => ({ ...base, status: 'complete', ...extra }));
      const v = await engine.start({ bridgeID: 'b', ...req });
      expect(v.result, JSON.stringify(extra)).toMatchObject(expected);
    }
    const { engine } = engineWith(() => ({ ...base, status: 'complete', account }));
    expect((await engine.start({ bridgeID: 'b' })).result?.identity).toEqual(identityOf(user, 'LA'));
  });

  it('restored: only when the login or account asked for is the one that came back', async () => {
    const login = (loginID: string, accountIDs: string[]) => ({ login: { bridgeID: 'b', loginID, removeScopes: [], status: 'connected', accountIDs } });
    const cases: Array<[Record<string, unknown>, Record<string, string>, boolean]> = [
      [login('L', ['b_L']), { loginID: 'L' }, true],
      [login('M', ['b_M']), { loginID: 'L' }, false],
      [login('M', ['b_A']), { accountID: 'b_A' }, true],
      [login('M', ['b_M']), { accountID: 'b_A' }, false],
      [login('M', ['b_M']), {}, false],
      [{}, {}, false], // the login ID is '' and none was asked for
    ];
    for (const [extra, req, restored] of cases) {
      const { engine } = engineWith(() => ({ ...base, status: 'complete', ...extra }));
      expect((await engine.start({ bridgeID: 'b', ...req })).result?.restored, JSON.stringify([extra, req])).toBe(restored);
    }
  });

  it('a completion is logged and reported once, and a complete step under another status is ended on the server', async () => {
    const { log, entries } = logged();
    const { engine, calls, completed } = engineWith(() => ({ ...base, status: 'waiting_for_input', currentStep: { type: 'complete', login: { bridgeID: 'b', loginID: 'L', removeScopes: [], status: 'connected' } } }), { log });
    const v = await engine.start({ bridgeID: 'b', loginID: 'L' });
    expect(completed).toEqual([v]);
    expect(entries.find((e) => e.message === 'login session complete')?.data).toEqual({ bridgeID: 'b', loginID: 'L', restored: true });
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toEqual(['createSession', 'cancelSession']));
    const done = engineWith(() => ({ ...base, status: 'complete', loginID: 'L' }));
    await done.engine.start({ bridgeID: 'b' });
    await new Promise((r) => setTimeout(r, 5));
    expect(done.calls.map((c) => c.method)).toEqual(['createSession']);
  });
});

describe('SessionEngine steps, exactly', () => {
  const inputStep = (stepID = 'code', fields: unknown[] = [{ id: 'code' }]) => ({ ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID, fields } });
  const cookieStep = (fields: unknown[] = [{ id: 'k', type: 'cookie', required: true }]) => ({ ...base, status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x.example/login', fields } });
  const emojiStep = (imageURL: string) => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'e', display: { type: 'emoji', imageURL } } });
  const qrStep = (data: string, stepID = 'q') => ({ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID, display: { type: 'qr', data } } });
  const never = () => new Promise(() => {});
  const logged = () => {
    const { sink, entries } = memorySink();
    return { log: new Logger({ sinks: [sink], level: 'debug' }), entries };
  };
  const submits = (calls: Array<{ method: string; args: unknown[] }>) => calls.filter((c) => c.method === 'submitStep').map((c) => c.args[3]);

  it('the emoji picture: fetched once per picture, shown as loading meanwhile, and a late answer for an old picture ignored', async () => {
    const pending = new Map<string, (v: string | null) => void>();
    const fetchedURLs: string[] = [];
    const answers = [emojiStep('https://x.example/a.png'), emojiStep('https://x.example/a.png'), emojiStep('https://x.example/b.png')];
    let next!: () => void;
    const { engine } = engineWith((m) => (m === 'createSession' ? answers.shift() : new Promise((r) => (next = () => r(answers.shift() ?? never())))), {
      fetchImage: (u) => (fetchedURLs.push(u), new Promise((r) => pending.set(u, r))),
      pacing: { initialMs: 1, maxMs: 1 },
    });
    const shown: unknown[] = [];
    engine.onChange((v) => v.step?.type === 'display_and_wait' && shown.push(v.step.display));
    const s = await engine.start({ bridgeID: 'b' });
    expect(s.step).toMatchObject({ display: { imageURL: null, loading: true } });
    await vi.waitFor(() => expect(next).toBeTypeOf('function'));
    next(); // the same picture again: not fetched again
    await vi.waitFor(() => expect(shown.length).toBeGreaterThanOrEqual(2));
    expect([...pending.keys()]).toEqual(['https://x.example/a.png']);
    next(); // a new picture
    await vi.waitFor(() => expect([...pending.keys()]).toEqual(['https://x.example/a.png', 'https://x.example/b.png']));
    expect(fetchedURLs).toEqual(['https://x.example/a.png', 'https://x.example/b.png']);
    pending.get('https://x.example/a.png')!('data:image/png;base64,AAAA'); // late: ignored
    await new Promise((r) => setTimeout(r, 5));
    expect(engine.get(s.id).step).toMatchObject({ display: { imageURL: null, loading: true } });
    shown.length = 0;
    pending.get('https://x.example/b.png')!('data:image/png;base64,BBBB');
    await vi.waitFor(() => expect(shown).toEqual([expect.objectContaining({ imageURL: 'data:image/png;base64,BBBB', loading: false })]));
    await engine.cancel(s.id);
  });

  it('without a way to fetch pictures an http emoji is shown without one, not as loading', async () => {
    const { engine } = engineWith((m) => (m === 'createSession' ? emojiStep('https://x.example/a.png') : never()));
    const s = await engine.start({ bridgeID: 'b' });
    expect(s.step).toMatchObject({ display: { imageURL: null, loading: false } });
    await engine.cancel(s.id);
  });

  it('a display shown again after another step is long-polled again', async () => {
    const answers = [qrStep('A'), inputStep('pw', [{ id: 'pw' }]), qrStep('B', 'q2'), { ...base, status: 'complete', loginID: 'L' }];
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? answers.shift() : answers.shift() ?? never()), { pacing: { initialMs: 1, maxMs: 1 } });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('user_input'));
    await engine.submitInput(s.id, { pw: 'x' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('complete'));
    expect(submits(calls)).toEqual([{ type: 'display_and_wait' }, { type: 'user_input', fields: { pw: 'x' } }, { type: 'display_and_wait' }]);
  });

  it('a new step ID with the same display resets the pace: asked again at once', async () => {
    const answers = [qrStep('A', 'q2'), { ...base, status: 'complete', loginID: 'L' }];
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? qrStep('A', 'q1') : answers.shift() ?? never()), { pacing: { initialMs: 60_000, maxMs: 60_000 } });
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id).phase).toBe('complete'));
    expect(calls.filter((c) => c.method === 'submitStep').map((c) => c.args[2])).toEqual(['q1', 'q2']);
  });

  it('the long-poll: an abort of its own ends it quietly; an error about the login fails it and ends it on the server', async () => {
    const quiet = engineWith((m) => (m === 'createSession' ? qrStep('A') : new AppError('cancelled', 'aborted')));
    const s = await quiet.engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(quiet.calls.map((c) => c.method)).toEqual(['createSession', 'submitStep']));
    await new Promise((r) => setTimeout(r, 5));
    expect(quiet.engine.get(s.id)).toMatchObject({ phase: 'display_and_wait', error: null });

    const bad = engineWith((m) => (m === 'createSession' ? qrStep('A') : m === 'submitStep' ? new AppError('unknown', 'Nope.', { status: 400, code: 'X' }) : undefined));
    const t = await bad.engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(bad.engine.get(t.id)).toMatchObject({ phase: 'failed', error: { message: 'Nope.' } }));
    await vi.waitFor(() => expect(bad.calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'cancelSession']));
  });

  it('a 429 on the long-poll waits as long as Retry-After says, in seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let polls = 0;
      const { engine, calls } = engineWith((m) => (m === 'createSession' || m === 'getSession' ? qrStep('A') : ++polls === 1 ? new AppError('rate_limited', 'slow down', { status: 429, retryAfterSec: 3 }) : never()));
      const s = await engine.start({ bridgeID: 'b' });
      await vi.advanceTimersByTimeAsync(2_900);
      expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'getSession']);
      await vi.advanceTimersByTimeAsync(200);
      expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'getSession', 'submitStep']);
      await engine.cancel(s.id);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Cancel during the pause between polls ends it: no timer left, no more requests', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { engine, calls } = engineWith((m) => (m === 'cancelSession' ? undefined : qrStep('A')), { pacing: { initialMs: 10_000, maxMs: 10_000 } });
      const s = await engine.start({ bridgeID: 'b' });
      await vi.advanceTimersByTimeAsync(10);
      expect(vi.getTimerCount()).toBe(1);
      await engine.cancel(s.id);
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'cancelSession']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('typed input: refused when the login does not ask for it; a value the pattern rejects is said on the step, with nothing sent', async () => {
    const { log, entries } = logged();
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? inputStep('code', [{ id: 'x', pattern: '(' }, { id: 'code', pattern: '^\\d{6}$' }]) : inputStep('next')), { log });
    const s = await engine.start({ bridgeID: 'b' });
    const changes: unknown[] = [];
    engine.onChange((v) => changes.push(v.stepError));
    const v = await engine.submitInput(s.id, { code: '12', x: 'y' });
    expect(v.stepError).toMatchObject({ kind: 'invalid_input' });
    expect(changes).toHaveLength(1);
    expect(submits(calls)).toEqual([]);
    expect(entries.find((e) => e.message === 'a field pattern from Beeper Desktop cannot be used')?.data).toEqual({ pattern: '(' });
    await engine.submitInput(s.id, { code: '123456', x: 'y' });
    expect(submits(calls)).toEqual([{ type: 'user_input', fields: { x: 'y', code: '123456' } }]);

    const cookies = engineWith(() => cookieStep()).engine;
    const c = await cookies.start({ bridgeID: 'b' });
    await expect(cookies.submitInput(c.id, {})).rejects.toMatchObject({ kind: 'invalid_request', message: 'This login is not waiting for typed input.' });
    await expect(engine.submitCookies(s.id, {}, { source: 'api' })).rejects.toMatchObject({ kind: 'invalid_request', message: 'This login is not waiting for sign-in cookies.' });
  });

  it('cookies: every missing required value named, trimmed values sent, the source and last page only when known', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? cookieStep([{ id: 'a', name: 'sid', type: 'cookie', required: true }, { id: 'b', name: 'csrf', type: 'cookie', required: true }, { id: 'c', type: 'cookie' }]) : cookieStep()));
    const s = await engine.start({ bridgeID: 'b' });
    const seen: unknown[] = [];
    engine.onChange((v) => seen.push(v.stepError));
    expect((await engine.submitCookies(s.id, { a: ' ', c: 'z' }, { source: 'api' })).stepError).toMatchObject({ kind: 'invalid_input', code: 'MISSING_FIELDS', message: 'Still needed: sid and csrf.' });
    expect(seen).toHaveLength(1);
    await engine.submitCookies(s.id, { a: ' 1 ', b: '2' }, { source: 'webview', lastURL: 'https://x.example/home' });
    await engine.submitCookies(engine.list()[0]!.id, { k: '3' }, { source: 'api', lastURL: '' });
    expect(submits(calls)).toEqual([
      { type: 'cookies', fields: { a: '1', b: '2' }, source: 'webview', lastURL: 'https://x.example/home' },
      { type: 'cookies', fields: { k: '3' }, source: 'api' },
    ]);
  });

  it('a submit shows itself busy, then not; a second one meanwhile is refused, saying why', async () => {
    let answer!: (v: unknown) => void;
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : new Promise((r) => (answer = r))));
    const s = await engine.start({ bridgeID: 'b' });
    const busy: boolean[] = [];
    engine.onChange((v) => busy.push(v.busy));
    const pending = engine.submitInput(s.id, { code: '1' });
    await expect(engine.submitInput(s.id, { code: '2' })).rejects.toMatchObject({ kind: 'invalid_request', message: 'This step is already being submitted.' });
    answer(inputStep('again'));
    expect((await pending).busy).toBe(false);
    expect(busy).toEqual([true, false]);
  });

  it('a submit the network rejects keeps the step with the error, and can be sent again', async () => {
    let fail = true;
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : fail ? new AppError('invalid_input', 'That number is not valid.', { status: 400 }) : inputStep('next')));
    const s = await engine.start({ bridgeID: 'b' });
    const v = await engine.submitInput(s.id, { code: '1' });
    expect(v).toMatchObject({ phase: 'user_input', busy: false, stepError: { kind: 'invalid_input', message: 'That number is not valid.' }, step: { stepID: 'code' } });
    fail = false;
    expect(await engine.submitInput(s.id, { code: '2' })).toMatchObject({ stepError: null, step: { stepID: 'next' } });
  });

  it('a submit whose fate is unknown (network, 5xx, 429) asks the server: the same step gets the error, a new step or an end does not', async () => {
    for (const kind of ['network', 'server_error', 'rate_limited'] as const) {
      for (const [current, expected] of [
        [inputStep('code'), { phase: 'user_input', stepError: { kind } }],
        [inputStep('next'), { phase: 'user_input', stepError: null, step: { stepID: 'next' } }],
        [{ ...base, status: 'complete', loginID: 'L' }, { phase: 'complete', stepError: null }],
        [{ ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'code', display: { type: 'nothing' } } }, { phase: 'display_and_wait', stepError: { kind } }],
      ] as const) {
        const { engine } = engineWith((m) => (m === 'createSession' ? inputStep('code') : m === 'submitStep' ? new AppError(kind, 'hm', { status: 503 }) : m === 'getSession' ? current : never()));
        const s = await engine.start({ bridgeID: 'b' });
        expect(await engine.submitInput(s.id, { code: '1' }), `${kind} ${JSON.stringify(current)}`).toMatchObject(expected);
        await engine.cancel(s.id);
      }
    }
  });

  it('a submit whose fate is unknown and cannot be checked fails the login; any other error fails it at once', async () => {
    const unchecked = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new AppError('network', 'x') : m === 'getSession' ? new AppError('server_error', 'down', { status: 500 }) : undefined));
    const s = await unchecked.engine.start({ bridgeID: 'b' });
    expect(await unchecked.engine.submitInput(s.id, { code: '1' })).toMatchObject({ phase: 'failed', error: { kind: 'server_error' } });
    const other = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new AppError('unknown', 'No.', { status: 400 }) : undefined));
    const t = await other.engine.start({ bridgeID: 'b' });
    expect(await other.engine.submitInput(t.id, { code: '1' })).toMatchObject({ phase: 'failed', error: { message: 'No.' } });
    expect(other.calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'cancelSession']);
  });

  it('a submit that fails after Cancel shows the cancel, not the failure', async () => {
    let reject!: (e: Error) => void;
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new Promise((_, r) => (reject = r)) : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    const pending = engine.submitInput(s.id, { code: '1' });
    await engine.cancel(s.id);
    reject(new AppError('invalid_input', 'No.', { status: 400 }));
    expect(await pending).toMatchObject({ phase: 'cancelled', error: null, busy: false, stepError: null });
  });

  it('Cancel: a finished login stays as it was and nothing is sent; a live one is cancelled once, shown at once; a failing DELETE is only logged', async () => {
    const { log, entries } = logged();
    let answer!: (v: unknown) => void;
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new Promise((r) => (answer = r)) : new AppError('network', 'gone')), { log });
    const s = await engine.start({ bridgeID: 'b' });
    void engine.submitInput(s.id, { code: '1' });
    const seen: Array<[string, boolean]> = [];
    engine.onChange((v) => seen.push([v.phase, v.busy]));
    expect(await engine.cancel(s.id)).toMatchObject({ phase: 'cancelled', busy: false, finished: true });
    expect(seen).toEqual([['cancelled', false]]);
    expect(entries.find((e) => e.message === 'cancelling the login session on the server failed')?.data).toMatchObject({ error: { kind: 'network' } });
    await engine.cancel(s.id);
    expect(calls.filter((c) => c.method === 'cancelSession')).toHaveLength(1);
    answer(inputStep());

    const done = engineWith(() => ({ ...base, status: 'complete', loginID: 'L' }));
    const d = await done.engine.start({ bridgeID: 'b' });
    expect(await done.engine.cancel(d.id)).toMatchObject({ phase: 'complete' });
    await done.engine.dismiss(d.id);
    expect(done.calls.map((c) => c.method)).toEqual(['createSession']);
  });

  it('Cancel before the server named the session sends no DELETE', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? never() : undefined));
    void engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.list()).toHaveLength(1));
    await engine.cancel(engine.list()[0]!.id);
    expect(calls.map((c) => c.method)).toEqual(['createSession']);
  });

  it('dismissing an unknown session tells no one', async () => {
    const { engine } = engineWith(() => inputStep());
    const removed: string[] = [];
    engine.onRemove((id) => removed.push(id));
    await engine.dismiss('ses_nope');
    expect(removed).toEqual([]);
  });

  it('a reconnect says which login and account it is for; a new connection says none', async () => {
    const { engine } = engineWith(() => inputStep());
    const reconnect = async (req: Record<string, string>) => (await engine.start({ bridgeID: `b${Object.keys(req).join('')}`, ...req })).reconnect;
    expect(await reconnect({})).toBeNull();
    expect(await reconnect({ loginID: 'L' })).toEqual({ loginID: 'L', accountID: null, identity: null });
    expect(await reconnect({ accountID: 'A' })).toEqual({ loginID: null, accountID: 'A', identity: null });
    expect(await reconnect({ loginID: 'L', accountID: 'A' })).toEqual({ loginID: 'L', accountID: 'A', identity: null });
  });

  it('who a reconnect is for is asked once, at its start, and only for a reconnect', async () => {
    const asked: unknown[] = [];
    const who = { name: 'Alex Rivera', detail: '+1 555 0100', avatarURL: null };
    const { engine } = engineWith(() => inputStep(), { identityOf: (req) => (asked.push(req), who) });
    expect((await engine.start({ bridgeID: 'a' })).reconnect).toBeNull();
    const s = await engine.start({ bridgeID: 'b', loginID: 'L' });
    expect(s.reconnect).toEqual({ loginID: 'L', accountID: null, identity: who });
    expect(engine.get(s.id).reconnect?.identity).toEqual(who);
    expect(asked).toEqual([{ bridgeID: 'b', loginID: 'L' }]);
  });
});

describe('SessionEngine, what a raw answer means where it came from', () => {
  const inputStep = (stepID = 'code') => ({ ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID, fields: [{ id: 'code' }] } });
  const qrStep = { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: 'A' } } };
  const sdk400 = () => new BeeperDesktop.APIError(400, { code: 'BAD', message: 'Not that.' }, undefined, new Headers());
  const never = () => new Promise(() => {});

  it('a 400 is the input being refused: on creating, on a submit (the step stays), and on the long-poll', async () => {
    const create = engineWith((m) => (m === 'createSession' ? sdk400() : undefined)).engine;
    expect((await create.start({ bridgeID: 'b' })).error).toMatchObject({ kind: 'invalid_input', message: 'Not that.' });
    const submit = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? sdk400() : undefined)).engine;
    const s = await submit.start({ bridgeID: 'b' });
    expect(await submit.submitInput(s.id, { code: '1' })).toMatchObject({ phase: 'user_input', stepError: { kind: 'invalid_input' } });
    const poll = engineWith((m) => (m === 'createSession' ? qrStep : m === 'submitStep' ? sdk400() : undefined)).engine;
    const p = await poll.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(poll.get(p.id)).toMatchObject({ phase: 'failed', error: { kind: 'invalid_input' } }));
  });

  it('a submit to a login already ended is refused, however its last step looked', async () => {
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    await engine.cancel(s.id);
    await expect(engine.submitInput(s.id, { code: '1' })).rejects.toMatchObject({ kind: 'invalid_request' });
    const cookies = engineWith(() => ({ ...base, status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x.example', fields: [] } })).engine;
    const c = await cookies.start({ bridgeID: 'b' });
    await cookies.cancel(c.id);
    await expect(cookies.submitCookies(c.id, {}, { source: 'api' })).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('ending a login after Beeper Desktop went away is only logged, saying it is not connected', async () => {
    const { sink, entries } = memorySink();
    let connected = true;
    const { api } = engineWith((m) => (m === 'createSession' ? inputStep() : undefined));
    const { engine } = engineWith(() => inputStep(), { api: () => (connected ? api : null), log: new Logger({ sinks: [sink], level: 'debug' }) });
    const s = await engine.start({ bridgeID: 'b' });
    connected = false;
    await engine.cancel(s.id);
    expect(entries.find((e) => e.message === 'cancelling the login session on the server failed')?.data).toMatchObject({ error: { kind: 'not_running', message: 'Beeper Desktop is not connected.' } });
  });

  it('a login reaching a step it cannot show is told to listeners', async () => {
    const { engine } = engineWith(() => ({ ...base, status: 'waiting_for_passkey' }), { unsupportedPollMs: 60_000 });
    const phases: string[] = [];
    engine.onChange((v) => phases.push(v.phase));
    const s = await engine.start({ bridgeID: 'b' });
    expect(phases).toEqual(['starting', 'unsupported']);
    await engine.cancel(s.id);
  });

  it('Cancel while a long-poll is out: its late answer leaves no pause and no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      let answer!: (v: unknown) => void;
      const { engine } = engineWith((m) => (m === 'createSession' ? qrStep : m === 'submitStep' ? new Promise((r) => (answer = r)) : undefined), { pacing: { initialMs: 10_000, maxMs: 10_000 } });
      const s = await engine.start({ bridgeID: 'b' });
      await vi.waitFor(() => expect(answer).toBeTypeOf('function'));
      await engine.cancel(s.id);
      answer(qrStep);
      await vi.advanceTimersByTimeAsync(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a long-poll error about nothing in particular, and then a failed check: the login fails and is ended', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? qrStep : m === 'submitStep' ? new AppError('network', 'x') : m === 'getSession' ? new AppError('server_error', 'down', { status: 500 }) : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    await vi.waitFor(() => expect(engine.get(s.id)).toMatchObject({ phase: 'failed', error: { kind: 'server_error' } }));
    await vi.waitFor(() => expect(calls.map((c) => c.method)).toEqual(['createSession', 'submitStep', 'getSession', 'cancelSession']));
  });

  it('a step error is told to listeners, and a check that finds the login complete (even on a step of that ID) shows none', async () => {
    const rejected = engineWith((m) => (m === 'createSession' ? inputStep() : new AppError('invalid_input', 'Wrong.', { status: 400 })));
    const s = await rejected.engine.start({ bridgeID: 'b' });
    const errors: unknown[] = [];
    rejected.engine.onChange((v) => errors.push(v.stepError?.kind ?? null));
    await rejected.engine.submitInput(s.id, { code: '1' });
    expect(errors).toEqual([null, 'invalid_input']);

    const unknown = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new AppError('network', 'x') : m === 'getSession' ? inputStep() : never()));
    const u = await unknown.engine.start({ bridgeID: 'b' });
    const heard: unknown[] = [];
    unknown.engine.onChange((v) => heard.push(v.stepError?.kind ?? null));
    await unknown.engine.submitInput(u.id, { code: '1' });
    expect(heard.at(-1)).toBe('network');

    const done = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'submitStep' ? new AppError('network', 'x') : m === 'getSession' ? { ...base, status: 'complete', currentStep: { type: 'complete', stepID: 'code' } } : never()));
    const d = await done.engine.start({ bridgeID: 'b' });
    expect(await done.engine.submitInput(d.id, { code: '1' })).toMatchObject({ phase: 'complete', stepError: null });
  });
});

describe('SessionEngine when Beeper Desktop is found again', () => {
  const inputStep = (stepID = 'code') => ({ ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID, fields: [{ id: 'code', pattern: '^\\d+$' }] } });
  const qrStep = { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: 'A' } } };
  const checks = (calls: Array<{ method: string }>) => calls.filter((c) => c.method === 'getSession').length;

  it('a login waiting for the user that the server forgot (a restart) ends here, with nothing sent to end it', async () => {
    const { engine, calls } = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'getSession' ? httpError(404, undefined, 'session') : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    await engine.recheckWaiting();
    expect(engine.get(s.id)).toMatchObject({ phase: 'failed', error: { kind: 'session_expired' } });
    expect(calls.map((c) => c.method)).toEqual(['createSession', 'getSession']);
  });

  it('one still on the same step stays as the user sees it, its error too; one that moved on shows where it is', async () => {
    let answer: unknown = inputStep();
    const { engine } = engineWith((m) => (m === 'createSession' ? inputStep() : m === 'getSession' ? answer : undefined));
    const s = await engine.start({ bridgeID: 'b' });
    await engine.submitInput(s.id, { code: 'abc' }); // refused here: the pattern wants digits
    const before = engine.get(s.id);
    expect(before.stepError).not.toBeNull();
    await engine.recheckWaiting();
    expect(engine.get(s.id)).toEqual(before);
    answer = inputStep('password');
    await engine.recheckWaiting();
    expect(engine.get(s.id)).toMatchObject({ phase: 'user_input', stepError: null, step: { stepID: 'password' } });
    answer = { ...base, status: 'complete', loginID: 'L' };
    await engine.recheckWaiting();
    expect(engine.get(s.id).phase).toBe('complete');
  });

  it('a check that fails for another reason changes nothing; a long-poll, a submit out, or an ended login is not checked', async () => {
    let submitted!: (v: unknown) => void;
    const { engine, calls } = engineWith((m, args) =>
      m === 'createSession' ? (args[0] === 'qr' ? qrStep : inputStep()) : m === 'getSession' ? httpError(500, undefined, 'session') : m === 'submitStep' ? new Promise((r) => (submitted = r)) : undefined,
    );
    const s = await engine.start({ bridgeID: 'b' });
    await engine.recheckWaiting();
    expect(engine.get(s.id).phase).toBe('user_input');
    expect(checks(calls)).toBe(1);
    expect(calls.filter((c) => c.method === 'cancelSession')).toEqual([]);
    const qr = await engine.start({ bridgeID: 'qr' });
    const sending = engine.submitInput(s.id, { code: '1' });
    await engine.recheckWaiting();
    expect(checks(calls)).toBe(1);
    submitted(inputStep('password'));
    await sending;
    await engine.cancel(s.id);
    await engine.recheckWaiting();
    expect(checks(calls)).toBe(1);
    await engine.cancel(qr.id);
  });
});
