/** Boots the real core against a simulator, with a scripted "system browser" for OAuth. */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { AccountManager, type CoreDeps } from '../../main/core/account-manager.ts';
import type { Cipher } from '../../main/core/auth/vault.ts';
import { registerCoreHandlers } from '../../main/core/ipc/handlers.ts';
import { IpcRegistry, type SenderInfo } from '../../main/core/ipc/registry.ts';
import { Logger, memorySink, type LogEntry } from '../../main/core/log.ts';
import { confStore } from './conf-store.ts';
import { startSimulator, type Profile, type SimConfig, type Simulator } from '../simulator/index.ts';
import { testCipher } from './cipher.ts';

/**
 * What a browser does with the authorize URL when the simulator auto-approves: follow the redirect
 * to the app's loopback callback.
 */
export async function approvingBrowser(url: string): Promise<void> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`authorize did not redirect (status ${res.status})`);
  await fetch(location);
}

export interface TestCore {
  core: AccountManager;
  registry: IpcRegistry;
  logs: LogEntry[];
  dir: string;
  cipher: Cipher | null;
  /** Every event the core pushed, in order. */
  events: Array<{ event: string; payload: unknown }>;
  sender: SenderInfo;
  restart(overrides?: Partial<StartOptions>): Promise<TestCore>;
  dispose(): Promise<void>;
}

export interface StartOptions {
  sim: Simulator;
  dir?: string;
  cipher?: Cipher | null;
  openExternal?: CoreDeps['openExternal'];
  deps?: Partial<CoreDeps>;
  start?: boolean;
}

export async function startCore(opts: StartOptions): Promise<TestCore> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'bam-core-'));
  const { sink, entries } = memorySink(10_000);
  const log = new Logger({ sinks: [sink], level: 'debug' });
  const cipher = opts.cipher === undefined ? testCipher() : opts.cipher;
  const core = new AccountManager({
    settingsStore: confStore(dir, 'settings', log),
    credentialsStore: confStore(dir, 'credentials', log),
    historyStore: confStore(dir, 'history', log),
    cipher,
    openExternal: opts.openExternal ?? approvingBrowser,
    log,
    // Only the simulator's port: never probe a real Beeper Desktop on this machine.
    discovery: { ports: [opts.sim.port], probeTimeoutMs: 500 },
    envBaseURL: opts.sim.url,
    rediscoverMs: { visible: 100, hidden: 100 },
    refreshPolicy: { visibleMs: 60_000, hiddenMs: 60_000, attentionMs: 60_000, firstBackoffMs: 60_000 },
    signInTimeoutMs: 10_000,
    ...opts.deps,
  });
  const sender: SenderInfo = { transport: 'websocket', id: 'test', url: 'http://test' };
  const registry = new IpcRegistry({ log: log.child('ipc'), isTrustedSender: (s) => s.id === sender.id });
  registerCoreHandlers(registry, core);
  const events: TestCore['events'] = [];
  core.subscribe((event, payload) => {
    const checked = registry.event(event, payload);
    events.push({ event, payload: checked });
  });
  if (opts.start !== false) await core.start();
  const t: TestCore = {
    core,
    registry,
    logs: entries,
    dir,
    cipher,
    events,
    sender,
    restart: async (overrides = {}) => {
      await core.stop();
      return startCore({ ...opts, dir, cipher, ...overrides });
    },
    dispose: async () => {
      await core.stop();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Invokes a channel through the registry like a renderer would; throws on an error envelope. */
export async function call<T = unknown>(t: TestCore, channel: string, payload?: unknown): Promise<T> {
  const envelope = await t.registry.invoke(channel, payload, t.sender);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.value as T;
}

/** Polls until `check` returns a truthy value. */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

export interface CoreFixture {
  sim: Simulator;
  t: TestCore;
}

/**
 * One simulator per test file, and before each test: the simulator back up and reset to the
 * default seed with `simConfig`, a fresh core against it, and (with `signIn`) a completed OAuth
 * sign-in and first accounts refresh. `fx.t` may be replaced by a test (e.g. `fx.t.restart()`).
 */
export function useCore(opts: { simConfig?: Partial<SimConfig>; profile?: Profile; signIn?: boolean; deps?: Partial<CoreDeps> } = {}): CoreFixture {
  const fx = {} as CoreFixture;
  beforeAll(async () => {
    fx.sim = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await fx.sim.stop();
  });
  beforeEach(async () => {
    await fx.sim.startAPI(); // a test may have stopped "Beeper Desktop"
    fx.sim.reset('default', { ...opts.simConfig, ...(opts.profile ? { profile: opts.profile } : {}) });
    fx.t = await startCore({ sim: fx.sim, ...(opts.deps ? { deps: opts.deps } : {}) });
    if (opts.signIn) {
      await call(fx.t, 'auth.signIn');
      await until(() => fx.t.core.snapshot().accounts.lastRefreshedAt, 'first refresh');
    }
  });
  afterEach(async () => {
    await fx.t.dispose();
  });
  return fx;
}

/** Login sessions still running on the server, as its test control reports them (`GET /__sim/state`). */
export async function liveOnServer(sim: Simulator): Promise<Array<{ bridgeID: string; loginSessionID: string; status: string }>> {
  const res = await fetch(`${sim.controlURL}/__sim/state`);
  const state = (await res.json()) as { sessions: Array<{ bridgeID: string; loginSessionID: string; status: string }> };
  return state.sessions.filter((s) => !['complete', 'cancelled', 'failed'].includes(s.status));
}

/**
 * After each test: no login session is left running on the server that the app does not show as
 * running too (each one the app ended, it ended there).
 */
export function expectNoSessionLeftRunning(fx: CoreFixture): void {
  afterEach(async () => {
    const appLive = (): number => fx.t.core.sessions.list().filter((s) => !['complete', 'failed', 'cancelled'].includes(s.phase)).length;
    await until(async () => (await liveOnServer(fx.sim)).length <= appLive(), 'sessions the app ended to end on the server too');
  });
}
