/**
 * The whole app without Electron: the Beeper Desktop API simulator, the real core, and the
 * WebSocket host serving the renderer. Used by `npm run preview` and the end-to-end tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccountManager } from '../../main/core/account-manager.ts';
import { Logger, memorySink, type LogEntry, type LogSink } from '../../main/core/log.ts';
import { confStore } from '../support/conf-store.ts';
import { startSimulator, type SeedName, type SimConfig, type Simulator } from '../simulator/index.ts';
import { testCipher } from '../support/cipher.ts';
import { startWsHost, type WsHost } from './ws-host.ts';

export const PREVIEW_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/preview');

export interface Stack {
  sim: Simulator;
  core: AccountManager;
  host: WsHost;
  logs: LogEntry[];
  dataDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  hostPort?: number;
  simPort?: number;
  controlPort?: number | null;
  simConfig?: Partial<SimConfig>;
  seed?: SeedName;
  /** Start with the simulator's API stopped ("Beeper Desktop is not running"). */
  simStopped?: boolean;
  logSink?: LogSink;
  rediscoverMs?: number;
  /** Pretend to be the desktop shell (settings toggles shown), as the Electron app is. */
  desktopShell?: boolean;
  /** Whether start-at-login works (default: with the desktop shell); a development build says no. */
  startAtLogin?: boolean;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSimulator({ port: opts.simPort ?? 0, controlPort: opts.controlPort ?? null, seed: opts.seed ?? 'default', config: opts.simConfig ?? {} });
  if (opts.simStopped) await sim.stopAPI();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bam-preview-'));
  const memory = memorySink(5_000);
  const log = new Logger({ sinks: [memory.sink, ...(opts.logSink ? [opts.logSink] : [])], level: 'info' });
  let host: WsHost | null = null;
  const core = new AccountManager({
    settingsStore: confStore(dataDir, 'settings', log),
    credentialsStore: confStore(dataDir, 'credentials', log),
    historyStore: confStore(dataDir, 'history', log),
    // A real cipher with a key that lives only as long as this process.
    cipher: testCipher({ backend: 'preview-key' }),
    // The preview's "system browser" is a new tab opened by the page.
    openExternal: (url) => host!.openExternal(url),
    log,
    // Only ever the simulator: never a real Beeper Desktop running on this machine.
    envBaseURL: sim.url,
    discovery: { ports: [], probeTimeoutMs: 500 },
    rediscoverMs: { visible: opts.rediscoverMs ?? 1_000, hidden: opts.rediscoverMs ?? 1_000 },
    capabilities: { captureWindow: false, desktopShell: opts.desktopShell ?? false, startAtLogin: opts.startAtLogin ?? opts.desktopShell ?? false },
    appVersion: '0.1.0',
    recentLog: () => memory.entries,
  });
  host = await startWsHost({ core, log, port: opts.hostPort ?? 0, staticDir: PREVIEW_DIR });
  await core.start();
  return {
    sim,
    core,
    host,
    logs: memory.entries,
    dataDir,
    stop: async () => {
      await core.stop();
      await host.close();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
