/**
 * Keeps the accounts view fresh. There are no account events in the API (docs/beeper-desktop-api.md §6), so it
 * polls: on start, on window focus, after a login completes or is removed, on demand, and
 * periodically — faster while the window is visible or something needs attention, slower when
 * hidden, backing off on errors. One refresh is in flight at a time: triggers that arrive during
 * it are folded into one more refresh right after. A failed refresh keeps the last good data.
 */
import type { AccountsView } from '../../../preload/contract/views.ts';
import type { BeeperApi } from '../api/client.ts';
import { type AppError, endsSignIn, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { bridgeIDOf, buildAccountsView, emptyAccountsView, type AccountsData } from './model.ts';

export interface RefreshPolicy {
  /** Focusing the window refreshes, unless the last refresh is more recent than this. */
  focusGapMs: number;
  visibleMs: number;
  hiddenMs: number;
  attentionMs: number;
  firstBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_POLICY: RefreshPolicy = {
  focusGapMs: 5_000,
  // A refresh costs 2 requests plus one per network with logins: every minute keeps an open window
  // under 6 requests a minute for most users (npm run bench, figure 5); focusing it refreshes at once.
  visibleMs: 60_000,
  hiddenMs: 5 * 60_000,
  attentionMs: 15_000,
  firstBackoffMs: 5_000,
  maxBackoffMs: 5 * 60_000,
};

/** The wait before the next periodic refresh. */
export function nextDelay(policy: RefreshPolicy, s: { visible: boolean; attention: boolean; consecutiveErrors: number; retryAfterSec?: number | undefined }): number {
  if (s.consecutiveErrors > 0) {
    const backoff = Math.min(policy.maxBackoffMs, policy.firstBackoffMs * 2 ** (s.consecutiveErrors - 1));
    return Math.max(backoff, (s.retryAfterSec ?? 0) * 1000);
  }
  if (s.attention) return policy.attentionMs;
  return s.visible ? policy.visibleMs : policy.hiddenMs;
}

export type RefreshReason = 'start' | 'focus' | 'timer' | 'session-complete' | 'login-removed' | 'manual' | 'signed-in';

export class AccountsRefresher {
  private data: AccountsData | null = null;
  private lastRefreshedAt: string | null = null;
  private error: AppError | null = null;
  private consecutiveErrors = 0;
  private visible = true;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(v: AccountsView) => void>();
  private readonly getApi: () => BeeperApi | null;
  private readonly log: Logger;
  private readonly policy: RefreshPolicy;

  constructor(opts: { api: () => BeeperApi | null; log: Logger; policy?: Partial<RefreshPolicy> }) {
    this.getApi = opts.api;
    this.log = opts.log;
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
  }

  onChange(listener: (v: AccountsView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const v = this.view();
    for (const l of this.listeners) l(v);
  }

  view(): AccountsView {
    const meta = { lastRefreshedAt: this.lastRefreshedAt, refreshing: this.inFlight !== null, error: this.error ? this.error.toJSON() : null };
    return this.data ? buildAccountsView(this.data, meta) : { ...emptyAccountsView(), ...meta };
  }

  /** The raw data of the last good refresh: which bridge a login is on, which login holds an account, which removal scopes it offers. */
  current(): AccountsData | null {
    return this.data;
  }

  start(): void {
    this.running = true;
    void this.refresh('start');
  }

  stop(): void {
    this.running = false;
    this.stopTimer();
  }

  private stopTimer(): void {
    clearTimeout(this.timer ?? undefined);
    this.timer = null;
  }

  /** Forget everything (signed out, another server). */
  clear(): void {
    this.data = null;
    this.lastRefreshedAt = null;
    this.error = null;
    this.consecutiveErrors = 0;
    this.emit();
  }

  /** The window was focused: the user is looking, so show fresh data unless it already is. */
  focused(now = Date.now()): void {
    if (!this.running) return;
    const last = this.lastRefreshedAt ? Date.parse(this.lastRefreshedAt) : 0;
    if (now - last >= this.policy.focusGapMs) void this.refresh('focus');
  }

  setVisible(visible: boolean): void {
    const becameVisible = visible && !this.visible;
    this.visible = visible;
    if (becameVisible) void this.refresh('focus');
    else this.schedule();
  }

  /** Runs a refresh, or joins the one in flight and queues exactly one more after it. */
  refresh(reason: RefreshReason): Promise<void> {
    if (this.inFlight) {
      if (reason !== 'timer') this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.run(reason).finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        void this.refresh('manual');
      } else {
        this.emit();
        this.schedule();
      }
    });
    this.emit(); // refreshing: true
    return this.inFlight;
  }

  private async run(reason: RefreshReason): Promise<void> {
    const api = this.getApi();
    if (!api) return;
    try {
      const [bridges, accounts] = await Promise.all([api.bridges(), api.accounts()]);
      const ids = new Set<string>();
      for (const b of bridges) if (b.accounts.length > 0 || b.activeAccountCount > 0) ids.add(b.id);
      for (const a of accounts) {
        const id = bridgeIDOf(a, bridges);
        if (bridges.some((b) => b.id === id)) ids.add(id);
      }
      const logins: AccountsData['logins'] = {};
      await Promise.all(
        [...ids].map(async (id) => {
          try {
            logins[id] = await api.logins(id);
          } catch (e) {
            const err = toAppError(e);
            if (endsSignIn(err) || err.kind === 'not_running') throw err;
            // One bridge's logins failing (older server, a bridge hiccup) must not hide the rest.
            this.log.warn('could not list logins of a bridge', { bridgeID: id, error: err.toJSON() });
          }
        }),
      );
      this.data = { bridges, accounts, logins };
      this.lastRefreshedAt = new Date().toISOString();
      this.error = null;
      this.consecutiveErrors = 0;
      this.log.debug('accounts refreshed', { reason, bridges: bridges.length, accounts: accounts.length });
    } catch (e) {
      this.error = toAppError(e);
      this.consecutiveErrors++;
      this.log.warn('accounts refresh failed', { reason, error: this.error.toJSON(), consecutive: this.consecutiveErrors });
    }
  }

  private schedule(): void {
    this.stopTimer();
    if (!this.running) return;
    const delay = this.delay();
    this.timer = setTimeout(() => void this.refresh('timer'), delay);
    this.timer.unref();
  }

  delay(): number {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, what needs attention does not depend on these
    const attention = this.data ? buildAccountsView(this.data, { lastRefreshedAt: null, refreshing: false, error: null }).needsAttention.length > 0 : false;
    return nextDelay(this.policy, { visible: this.visible, attention, consecutiveErrors: this.consecutiveErrors, retryAfterSec: this.error?.retryAfterSec });
  }
}
