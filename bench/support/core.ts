/** The real core against a simulator, signed in, with its timers optionally scaled down. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY, type RefreshPolicy } from '../../main/core/accounts/refresher.ts';
import { AccountManager } from '../../main/core/account-manager.ts';
import { Logger } from '../../main/core/log.ts';
import { confStore } from '../../test/support/conf-store.ts';
import type { Simulator } from '../../test/simulator/index.ts';
import { testCipher } from '../../test/support/cipher.ts';

/** Every refresh interval multiplied by `scale` (the bench reports per real minute). */
export function scaledPolicy(scale: number): RefreshPolicy {
  return Object.fromEntries(Object.entries(DEFAULT_POLICY).map(([k, v]) => [k, v * scale])) as unknown as RefreshPolicy;
}

export async function startCore(sim: Simulator, opts: { refreshPolicy?: RefreshPolicy } = {}): Promise<{ core: AccountManager; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bam-bench-core-'));
  const log = new Logger({ sinks: [], level: 'error' });
  const core = new AccountManager({
    settingsStore: confStore(dir, 'settings', log),
    credentialsStore: confStore(dir, 'credentials', log),
    cipher: testCipher(),
    openExternal: () => Promise.resolve(),
    log,
    envBaseURL: sim.url,
    discovery: { ports: [], probeTimeoutMs: 500 },
    ...(opts.refreshPolicy ? { refreshPolicy: opts.refreshPolicy } : {}),
    appVersion: '0.1.0',
  });
  await core.start();
  await core.useToken(sim.mintToken());
  await until(() => core.snapshot().accounts.lastRefreshedAt !== null);
  return {
    core,
    stop: async () => {
      await core.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The API requests the simulator saw (not its test control). */
export const apiRequests = (sim: Simulator): Array<{ method: string; path: string }> => sim.core.log.filter((r) => !r.path.startsWith('/__sim'));
