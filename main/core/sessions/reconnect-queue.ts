/**
 * "Reconnect all": a guided queue through every account that needs login, one at a time, each with
 * its normal steps. The queue starts each reconnect, moves on when it completes or fails, and ends
 * on the server every login it leaves (Skip, Stop, or a login that failed): leaving the queue leaves
 * nothing running. Accounts that cannot be reconnected here are listed with the reason.
 */
import { findTarget } from '../../../preload/contract/targets.ts';
import type { AccountsView, AccountTarget, AttentionItem, ReconnectAllView, SessionView } from '../../../preload/contract/views.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { t } from '../i18n.ts';

export interface ReconnectQueueDeps {
  accounts: () => AccountsView;
  reconnect: (target: AccountTarget) => Promise<SessionView>;
  /** Closes a login; one still running is ended on the server first. */
  dismiss: (sessionID: string) => Promise<void>;
  onChange: (view: ReconnectAllView | null) => void;
  log: Logger;
}

type Item = ReconnectAllView['items'][number];

/** Why an account that needs login cannot be reconnected from here. */
function unavailableReason(view: AccountsView, a: AttentionItem): string | null {
  const n = view.networks.find((x) => x.bridgeID === a.bridgeID);
  if (n?.canReconnect) return null;
  return n?.isBeeper ? t('queue.beeperOwn') : t('queue.noNetwork');
}

export class ReconnectQueue {
  private readonly deps: ReconnectQueueDeps;
  private state: ReconnectAllView | null = null;

  constructor(deps: ReconnectQueueDeps) {
    this.deps = deps;
  }

  view(): ReconnectAllView | null {
    return this.state;
  }

  /** Starts the queue over what needs login now; a queue already running is kept as it is. */
  async start(): Promise<ReconnectAllView> {
    if (this.state && !this.state.finished) return this.state;
    const view = this.deps.accounts();
    const items: Item[] = [];
    const unavailable: ReconnectAllView['unavailable'] = [];
    for (const a of view.needsAttention) {
      const reason = unavailableReason(view, a);
      if (reason) unavailable.push({ bridgeName: a.bridgeName, identity: a.identity, reason });
      else items.push({ bridgeID: a.bridgeID, bridgeName: a.bridgeName, loginID: a.loginID, accountID: a.accountID, identity: a.identity, outcome: 'waiting', error: null, sessionID: null });
    }
    this.set({ finished: false, current: null, items, unavailable });
    this.deps.log.info('reconnect all started', { accounts: items.length, unavailable: unavailable.length });
    await this.next();
    return this.state!;
  }

  /** Leaves the current account as it is (its login ended on the server) and goes on to the next. */
  async skip(): Promise<ReconnectAllView | null> {
    await this.leaveCurrent('skipped', null);
    await this.next();
    return this.state;
  }

  /** Ends the queue: the current login is ended on the server, the rest are not reached. */
  async stop(): Promise<ReconnectAllView | null> {
    await this.leaveCurrent('skipped', null);
    this.finish();
    return this.state;
  }

  /** The summary was read: the queue is gone. */
  close(): void {
    if (this.state && !this.state.finished) return;
    this.set(null);
  }

  /** A login changed: the current one completing or failing moves the queue on. */
  async sessionChanged(s: SessionView): Promise<void> {
    const item = this.current();
    if (!item || item.sessionID !== s.id || !s.finished) return;
    if (s.phase === 'complete') await this.leaveCurrent('reconnected', null);
    else await this.leaveCurrent(s.phase === 'failed' ? 'failed' : 'skipped', s.error?.message ?? null);
    await this.goOn(s.error?.kind);
  }

  /** A login was closed elsewhere (its Cancel, the list's Cancel): the queue skips it. */
  async sessionRemoved(sessionID: string): Promise<void> {
    if (this.current()?.sessionID !== sessionID) return;
    this.update(this.state!.current!, { outcome: 'skipped', sessionID: null });
    await this.next();
  }

  private current(): Item | null {
    const at = this.state?.current ?? null;
    return at === null ? null : (this.state!.items[at] ?? null);
  }

  /** The current account is done with, however; its login, if still open, is ended and closed. */
  private async leaveCurrent(outcome: Item['outcome'], error: string | null): Promise<void> {
    const at = this.state?.current ?? null;
    if (at === null) return;
    const sessionID = this.state!.items[at]!.sessionID;
    this.update(at, { outcome, error, sessionID: null });
    this.set({ ...this.state!, current: null });
    if (sessionID) await this.deps.dismiss(sessionID).catch((e: unknown) => this.deps.log.warn('could not close a queued login', { error: e }));
  }

  private async next(): Promise<void> {
    const at = this.state?.items.findIndex((i) => i.outcome === 'waiting') ?? -1;
    if (!this.state || this.state.finished) return;
    if (at < 0) return this.finish();
    this.update(at, { outcome: 'current' });
    this.set({ ...this.state, current: at });
    const item = this.state.items[at]!;
    // Still the account it asked for (the list may have changed since the queue started).
    const target = { bridgeID: item.bridgeID, loginID: item.loginID, accountID: item.accountID };
    try {
      if (!findTarget(this.deps.accounts(), target)) throw new AppError('not_found', t('error.accountGone'));
      const session = await this.deps.reconnect(target);
      if (this.state?.current !== at) return void (await this.deps.dismiss(session.id)); // skipped or stopped meanwhile
      this.update(at, { sessionID: session.id });
      if (session.finished) await this.sessionChanged(session);
    } catch (e) {
      if (this.state?.current !== at) return;
      await this.leaveCurrent('failed', e instanceof Error ? e.message : t('error.loginCouldNotStart'));
      await this.goOn(e instanceof AppError ? e.kind : undefined);
    }
  }

  /**
   * After an account: on to the next, unless Beeper Desktop is gone. Then every other login would
   * fail the same way, so the queue ends there (the rest not reached, to start again later).
   */
  private async goOn(errorKind: string | undefined): Promise<void> {
    if (errorKind === 'not_running') this.finish();
    else await this.next();
  }

  private finish(): void {
    if (!this.state) return;
    const items = this.state.items.map((i) => (i.outcome === 'waiting' || i.outcome === 'current' ? { ...i, outcome: 'not-reached' as const } : i));
    this.set({ ...this.state, items, current: null, finished: true });
    this.deps.log.info('reconnect all finished', { outcomes: items.map((i) => i.outcome) });
  }

  private update(at: number, patch: Partial<Item>): void {
    const items = this.state!.items.map((i, k) => (k === at ? { ...i, ...patch } : i));
    this.set({ ...this.state!, items });
  }

  private set(state: ReconnectAllView | null): void {
    this.state = state;
    this.deps.onChange(state);
  }
}
