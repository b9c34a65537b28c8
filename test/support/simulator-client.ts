/**
 * Shared fixtures for the contract suite: a simulator per test file on a free port, and the
 * official `@beeper/desktop-api` client configured the way a real client must be.
 */
import BeeperDesktop from '@beeper/desktop-api';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fastTestConfig, startSimulator, type Simulator, type SimConfig } from '../simulator/index.ts';
import type { WireLoginSession } from '../simulator/wire.ts';

export interface Fixture {
  sim: Simulator;
  token: string;
  client: BeeperDesktop;
  /** A client with no retries, for asserting single-request behaviour. */
  strict: BeeperDesktop;
}

/** Starts one simulator for the file and resets it (default seed, fast timers) before each test. */
export function useSimulator(config: Partial<SimConfig> = {}): Fixture {
  const fx = {} as Fixture;
  beforeAll(async () => {
    fx.sim = await startSimulator({ port: 0, config: { ...fastTestConfig(), ...config } });
  });
  beforeEach(() => {
    fx.sim.reset('default', { ...fastTestConfig(), ...config });
    fx.token = fx.sim.mintToken();
    fx.client = sdk(fx.sim.url, fx.token);
    fx.strict = sdk(fx.sim.url, fx.token, { maxRetries: 0 });
  });
  afterAll(async () => {
    await fx.sim?.stop();
  });
  return fx;
}

export function sdk(baseURL: string, accessToken: string, opts: { maxRetries?: number; timeout?: number } = {}): BeeperDesktop {
  return new BeeperDesktop({ baseURL, accessToken, logLevel: 'off', ...opts });
}

/** Test-control call (`/__sim/...`). */
export async function control<T = unknown>(sim: Simulator, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(`${sim.controlURL}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`control ${path} → ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

// ------------------------------------------------------------------ the bridges routes via generic get/post/delete

export const createSession = (c: BeeperDesktop, bridgeID: string, body: Record<string, string> = {}): Promise<WireLoginSession> =>
  c.post(`/v1/bridges/${encodeURIComponent(bridgeID)}/login-sessions`, { body, maxRetries: 0 });

export const getSession = (c: BeeperDesktop, s: WireLoginSession): Promise<WireLoginSession> =>
  c.get(`/v1/bridges/${encodeURIComponent(s.bridgeID)}/login-sessions/${encodeURIComponent(s.loginSessionID)}`);

export const cancelSession = (c: BeeperDesktop, s: WireLoginSession): Promise<{ bridgeID: string; loginSessionID: string; status: string }> =>
  c.delete(`/v1/bridges/${encodeURIComponent(s.bridgeID)}/login-sessions/${encodeURIComponent(s.loginSessionID)}`, { maxRetries: 0 });

/**
 * Submits the current step. Step submits are not idempotent by contract: no retries, and a long
 * timeout for the `display_and_wait` long-poll (the SDK's 30 s default would cut it off and retry).
 */
export function submit(
  c: BeeperDesktop,
  s: WireLoginSession,
  body: { fields?: Record<string, string>; lastURL?: string; source?: 'api' | 'webview' | 'browser_extension' } = {},
  opts: { signal?: AbortSignal; stepID?: string; type?: string } = {},
): Promise<WireLoginSession> {
  const step = s.currentStep;
  if (!step || !('stepID' in step) || !step.stepID) throw new Error(`session ${s.loginSessionID} has no current step (status ${s.status})`);
  const type = opts.type ?? step.type;
  return c.post(
    `/v1/bridges/${encodeURIComponent(s.bridgeID)}/login-sessions/${encodeURIComponent(s.loginSessionID)}/steps/${encodeURIComponent(opts.stepID ?? step.stepID)}`,
    { body: { type, ...body }, maxRetries: 0, timeout: type === 'display_and_wait' ? 10 * 60_000 : 30_000, signal: opts.signal ?? null },
  );
}

export const stepID = (s: WireLoginSession): string | undefined => (s.currentStep && 'stepID' in s.currentStep ? s.currentStep.stepID : undefined);

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & { status?: number; error?: { code?: string; message?: string; details?: unknown }; headers?: Headers }> {
  try {
    const value = await p;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 300)}`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('expected a rejection')) throw e;
    return e as never;
  }
}

/** Waits until the simulator has a long-poll parked on the session. */
export async function untilWaiting(sim: Simulator, sessionID: string, count = 1): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = sim.core.logins.sessions.get(sessionID);
    if (s && s.waiting >= count) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no long-poll parked on ${sessionID}`);
}

/** Polls until `check` is true. */
export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
