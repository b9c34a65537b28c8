/**
 * The session engine under random sequences of events — starts, submits, cancels, dismissals, server
 * answers in any order, network failures, Beeper Desktop going away and time passing — against a
 * server whose every request stays open until the sequence answers it. After every event at most one
 * login is live per bridge; at the end every session the server may still hold has been ended there,
 * and no timer or request is left behind.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseResponse, type BeeperApi } from '../../../../main/core/api/client.ts';
import { LoginSessionSchema } from '../../../../main/core/api/schemas.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { Logger } from '../../../../main/core/log.ts';
import { SessionEngine } from '../../../../main/core/sessions/engine.ts';

type Method = 'createSession' | 'submitStep' | 'getSession' | 'cancelSession';
interface Pending {
  method: Method;
  remoteID: string | null;
  signal: AbortSignal | undefined;
  settle: (answer: { ok: unknown } | { error: AppError }) => void;
  settled: boolean;
}

const ANSWERS = ['input', 'qr', 'qr-again', 'unknown-step', 'complete', 'complete-step', 'failed', 'cancelled', 'no-step', 'garbled'] as const;
const ERRORS = ['network', 'server', 'rate', 'refused', 'gone-404', 'cancelled-410', 'bad-request'] as const;
type AnswerKind = (typeof ANSWERS)[number];
type ErrorKind = (typeof ERRORS)[number];

const SERVER_ENDED = new Set<AnswerKind>(['complete', 'failed', 'cancelled']);

/** What the server answers for a session, by kind. */
function answer(kind: AnswerKind, id: string, serial: number): unknown {
  const base = { bridgeID: 'b', loginSessionID: id };
  switch (kind) {
    case 'input':
      return { ...base, status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'code', fields: [{ id: 'code' }] } };
    case 'qr':
      return { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: `QR${serial}` } } };
    case 'qr-again':
      return { ...base, status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: 'QR' } } };
    case 'unknown-step':
      return { ...base, status: 'waiting_for_input', currentStep: { type: 'carrier_pigeon', stepID: 'p' } };
    case 'complete':
      return { ...base, status: 'complete', loginID: 'L' };
    case 'complete-step':
      return { ...base, status: 'waiting_for_input', currentStep: { type: 'complete', stepID: 'done' } };
    case 'failed':
      return { ...base, status: 'failed', error: { code: 'X', message: 'no' } };
    case 'cancelled':
      return { ...base, status: 'cancelled' };
    case 'no-step':
      return { ...base, status: 'waiting_for_input' };
    case 'garbled':
      return { ...base, status: 7 };
  }
}

function error(kind: ErrorKind): AppError {
  switch (kind) {
    case 'network':
      return new AppError('network', 'unreachable');
    case 'server':
      return new AppError('server_error', 'down', { status: 500 });
    case 'rate':
      return new AppError('rate_limited', 'slow', { status: 429, retryAfterSec: 1 });
    case 'refused':
      return new AppError('invalid_input', 'bad value', { status: 400, code: 'INVALID_INPUT' });
    case 'gone-404':
      return new AppError('not_found', 'gone', { status: 404 });
    case 'cancelled-410':
      return new AppError('cancelled', 'cancelled', { status: 410, code: 'LOGIN_CANCELLED' });
    case 'bad-request':
      return new AppError('unknown', 'no', { status: 400, code: 'X' });
  }
}

/** A server that holds every request open until told how to answer it, and remembers what it knows. */
function heldServer(honoursAbort: boolean) {
  const pending: Pending[] = [];
  const created = new Set<string>();
  const endedByServer = new Set<string>();
  const deleted = new Set<string>();
  let serial = 0;
  let gone = false;
  const hold = (method: Method, remoteID: string | null, signal?: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (gone) return reject(new AppError('network', 'connection refused'));
      const p: Pending = {
        method,
        remoteID,
        signal,
        settled: false,
        settle: (a) => {
          p.settled = true;
          if ('error' in a) reject(a.error);
          else resolve(a.ok);
        },
      };
      // A client rejects an aborted request at once, unless the server had it already: its answer may still come.
      if (honoursAbort) signal?.addEventListener('abort', () => p.settle({ error: new AppError('cancelled', 'aborted') }), { once: true });
      pending.push(p);
    });
  const read = (raw: unknown) => parseResponse(LoginSessionSchema, raw, 'login session');
  const api = {
    createSession: async (_b: string, _body: unknown, signal?: AbortSignal) => read(await hold('createSession', null, signal)),
    submitStep: async (_b: string, id: string, _step: string, _body: unknown, signal?: AbortSignal) => read(await hold('submitStep', id, signal)),
    getSession: async (_b: string, id: string, signal?: AbortSignal) => read(await hold('getSession', id, signal)),
    cancelSession: (_b: string, id: string) => {
      deleted.add(id);
      return gone ? Promise.reject(new AppError('network', 'connection refused')) : Promise.resolve();
    },
  } as unknown as BeeperApi;

  const open = () => pending.filter((p) => !p.settled);
  return {
    api,
    created,
    endedByServer,
    deleted,
    open,
    answer(index: number, kind: AnswerKind): void {
      const p = open()[index % Math.max(1, open().length)];
      if (!p) return;
      const id = p.remoteID ?? `ls_${++serial}`;
      created.add(id);
      if (SERVER_ENDED.has(kind)) endedByServer.add(id);
      p.settle({ ok: answer(kind, id, ++serial) });
    },
    fail(index: number, kind: ErrorKind): void {
      const p = open()[index % Math.max(1, open().length)];
      if (!p) return;
      if (p.remoteID && (kind === 'gone-404' || kind === 'cancelled-410')) endedByServer.add(p.remoteID);
      p.settle({ error: error(kind) });
    },
    /** Beeper Desktop stops: what is out fails, and nothing new connects until it is back. */
    stop(): void {
      gone = true;
      for (const p of open()) p.settle({ error: new AppError('network', 'connection reset') });
    },
    restart(): void {
      gone = false;
    },
  };
}

type Command =
  | { type: 'start'; bridge: 'a' | 'b'; flow: 'qr' | 'phone' | undefined }
  | { type: 'submit' | 'cancel' | 'dismiss'; session: number }
  | { type: 'answer'; request: number; kind: AnswerKind }
  | { type: 'fail'; request: number; kind: ErrorKind }
  | { type: 'desktop-stops' | 'desktop-starts' }
  | { type: 'time'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant('start' as const), bridge: fc.constantFrom('a' as const, 'b' as const), flow: fc.constantFrom('qr' as const, 'phone' as const, undefined) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('submit' as const, 'cancel' as const, 'dismiss' as const), session: fc.nat(5) }) },
  { weight: 5, arbitrary: fc.record({ type: fc.constant('answer' as const), request: fc.nat(5), kind: fc.constantFrom(...ANSWERS) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('fail' as const), request: fc.nat(5), kind: fc.constantFrom(...ERRORS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('desktop-stops' as const, 'desktop-starts' as const) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('time' as const), ms: fc.constantFrom(1, 600, 3_000, 10_000) }) },
);

function run(engine: SessionEngine, server: ReturnType<typeof heldServer>, c: Command): void {
  const sessions = engine.list();
  const pick = (i: number) => sessions[i % Math.max(1, sessions.length)];
  // Refusals (submitting to a login not asking for input, a submit already out) are fine here; anything else is not.
  const refusalOnly = (e: unknown) => {
    if (!(e instanceof AppError && (e.kind === 'invalid_request' || e.kind === 'not_found'))) throw e;
  };
  switch (c.type) {
    case 'start':
      void engine.start({ bridgeID: c.bridge, flowID: c.flow });
      return;
    case 'submit': {
      const s = pick(c.session);
      if (s) engine.submitInput(s.id, { code: '123' }).catch(refusalOnly);
      return;
    }
    case 'cancel': {
      const s = pick(c.session);
      if (s) void engine.cancel(s.id).catch(refusalOnly);
      return;
    }
    case 'dismiss': {
      const s = pick(c.session);
      if (s) void engine.dismiss(s.id);
      return;
    }
    case 'answer':
      return server.answer(c.request, c.kind);
    case 'fail':
      return server.fail(c.request, c.kind);
    case 'desktop-stops':
      return server.stop();
    case 'desktop-starts':
      return server.restart();
    case 'time':
      void vi.advanceTimersByTimeAsync(c.ms);
      return;
  }
}

describe('SessionEngine under random sequences of events', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('one live login per bridge; every session it ended is ended on the server; no timer or request outlives its session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 60, size: 'large' }), fc.boolean(), async (commands, honoursAbort) => {
        vi.clearAllTimers();
        const server = heldServer(honoursAbort);
        const engine = new SessionEngine({ api: () => server.api, log: new Logger(), bridgeName: () => 'Network', onComplete: () => {}, unsupportedPollMs: 3_000, pacing: { initialMs: 500, maxMs: 5_000 } });
        for (const c of commands) {
          run(engine, server, c);
          await vi.advanceTimersByTimeAsync(0);
          const live = engine.list().filter((s) => !s.finished);
          expect(new Set(live.map((s) => s.bridgeID)).size, 'live logins per bridge').toBe(live.length);
        }
        // The user closes every screen.
        await engine.cancelAll();
        await vi.advanceTimersByTimeAsync(0);
        // Sessions whose creation is answered only now, after the cancel: they exist on the server all the same.
        while (server.open().some((p) => p.method === 'createSession')) {
          server.answer(server.open().findIndex((p) => p.method === 'createSession'), 'input');
          await vi.advanceTimersByTimeAsync(0);
        }
        for (const s of engine.list()) expect(s.finished, `${s.id} ended`).toBe(true);
        const leaked = [...server.created].filter((id) => !server.endedByServer.has(id) && !server.deleted.has(id));
        expect(leaked, 'sessions left running on the server').toEqual([]);
        expect(vi.getTimerCount(), 'timers left').toBe(0);
        const unabandoned = server.open().filter((p) => !p.signal?.aborted);
        expect(unabandoned.map((p) => `${p.method} ${p.remoteID}`), 'requests left running').toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
