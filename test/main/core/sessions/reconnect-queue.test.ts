/** main/core/sessions/reconnect-queue.ts: reconnect all — one account at a time, Skip and Stop, nothing left running. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReconnectQueue } from '../../../../main/core/sessions/reconnect-queue.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import type { AccountTarget, AccountsView, AttentionItem, ReconnectAllView } from '../../../../preload/contract/views.ts';
import { accounts, identity, login, network, session } from '../../../support/views.ts';

const attention = (bridgeID: string, loginID: string, name: string): AttentionItem => ({ bridgeID, bridgeName: bridgeID, loginID, accountID: null, identity: identity(name), status: 'needs_login', message: 'Logged out' });

/** Three accounts that need login (WhatsApp, Telegram, Signal), plus Beeper itself. */
function viewOf(): AccountsView {
  const net = (id: string, name: string) => network({ bridgeID: id, displayName: id, logins: [login({ bridgeID: id, loginID: `${id}-L`, status: 'needs_login', needsAttention: true, identity: identity(name) })] });
  return accounts([net('wa', 'Alex'), net('tg', 'Sam'), net('sig', 'Kim'), network({ bridgeID: 'matrix', displayName: 'Beeper', isBeeper: true, canReconnect: false, logins: [login({ bridgeID: 'matrix', loginID: 'me', reconnect: 'none' })] })], {
    needsAttention: [attention('wa', 'wa-L', 'Alex'), attention('matrix', 'me', 'alex'), attention('tg', 'tg-L', 'Sam'), attention('sig', 'sig-L', 'Kim')],
  });
}

function harness(opts: { refuse?: (t: AccountTarget) => unknown; hold?: boolean; finishedAtOnce?: boolean; dismissFails?: boolean } = {}) {
  let n = 0;
  const mem = memorySink();
  let view = viewOf();
  const started: string[] = [];
  const dismissed: string[] = [];
  const pending: Array<() => void> = [];
  const views: Array<ReconnectAllView | null> = [];
  const queue = new ReconnectQueue({
    accounts: () => view,
    reconnect: async (t) => {
      const refused = opts.refuse?.(t);
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a test throws what a dependency might
      if (refused) throw refused;
      if (opts.hold) await new Promise<void>((r) => pending.push(r));
      const id = `s${++n}`;
      started.push(id);
      return opts.finishedAtOnce ? session(null, { id, bridgeID: t.bridgeID, phase: 'failed', error: { kind: 'bridge_unavailable', message: 'Too many logins.' } }) : session(null, { id, bridgeID: t.bridgeID, phase: 'display_and_wait' });
    },
    dismiss: (id) => (dismissed.push(id), opts.dismissFails ? Promise.reject(new Error('gone')) : Promise.resolve()),
    onChange: (v) => views.push(v),
    log: new Logger({ sinks: [mem.sink] }),
  });
  const current = () => queue.view()!.items[queue.view()!.current!]!;
  const ends = (phase: 'complete' | 'failed' | 'cancelled', message = 'The code ran out.') =>
    queue.sessionChanged(session(null, { id: current().sessionID!, phase, error: phase === 'failed' ? { kind: 'x', message } : null }));
  return { queue, started, dismissed, pending, views, current, ends, setView: (v: AccountsView) => (view = v), logs: mem.entries };
}

const outcomes = (v: ReconnectAllView | null) => v?.items.map((i) => [i.bridgeID, i.outcome, i.error]);

describe('ReconnectQueue', () => {
  it('goes through every account that needs login, one at a time; Beeper itself is listed as not reconnectable here, with why', async () => {
    const h = harness();
    const v = await h.queue.start();
    expect(outcomes(v)).toEqual([
      ['wa', 'current', null],
      ['tg', 'waiting', null],
      ['sig', 'waiting', null],
    ]);
    expect(v.unavailable).toEqual([{ bridgeName: 'matrix', identity: identity('alex'), reason: 'Beeper’s own account: sign in again in Beeper Desktop.' }]);
    expect(h.started).toEqual(['s1']);
    expect(h.current().sessionID).toBe('s1');
    // Asked again (the tray, then the banner): the same queue.
    expect(await h.queue.start()).toBe(h.queue.view());
    expect(h.started).toEqual(['s1']);
  });

  it('one reconnected, one skipped, one failing: each login closed, a summary at the end', async () => {
    const h = harness();
    await h.queue.start();
    await h.ends('complete');
    expect(h.dismissed).toEqual(['s1']);
    expect(h.current().bridgeID).toBe('tg');
    await h.queue.skip();
    expect(h.dismissed).toEqual(['s1', 's2']); // the skipped login is ended on the server
    await h.ends('failed', 'Signal was unlinked.');
    expect(h.dismissed).toEqual(['s1', 's2', 's3']);
    const v = h.queue.view()!;
    expect(v.finished).toBe(true);
    expect(v.current).toBeNull();
    expect(outcomes(v)).toEqual([
      ['wa', 'reconnected', null],
      ['tg', 'skipped', null],
      ['sig', 'failed', 'Signal was unlinked.'],
    ]);
    h.queue.close();
    expect(h.queue.view()).toBeNull();
  });

  it('Stop ends the current login on the server; the rest are not reached; the queue cannot be closed before it ends', async () => {
    const h = harness();
    await h.queue.start();
    h.queue.close();
    expect(h.queue.view()).not.toBeNull();
    await h.queue.stop();
    expect(h.dismissed).toEqual(['s1']);
    expect(outcomes(h.queue.view())).toEqual([
      ['wa', 'skipped', null],
      ['tg', 'not-reached', null],
      ['sig', 'not-reached', null],
    ]);
    expect(h.queue.view()!.finished).toBe(true);
  });

  it('a login that cannot start fails that account and goes on; a cancelled or closed login counts as skipped', async () => {
    const h = harness({ refuse: (t) => (t.bridgeID === 'wa' ? new AppError('bridge_unavailable', 'WhatsApp is not available now.') : null) });
    await h.queue.start();
    expect(outcomes(h.queue.view())?.[0]).toEqual(['wa', 'failed', 'WhatsApp is not available now.']);
    expect(h.current().bridgeID).toBe('tg');
    await h.ends('cancelled');
    expect(h.current().bridgeID).toBe('sig');
    await h.queue.sessionRemoved('not-this-one');
    expect(h.current().bridgeID).toBe('sig');
    await h.queue.sessionRemoved(h.current().sessionID!);
    expect(outcomes(h.queue.view())?.slice(1)).toEqual([
      ['tg', 'skipped', null],
      ['sig', 'skipped', null],
    ]);
    expect(h.queue.view()!.finished).toBe(true);
  });

  it('an account gone from the list since the queue started fails with why; updates of other logins change nothing', async () => {
    const h = harness();
    await h.queue.start();
    await h.queue.sessionChanged(session(null, { id: 'other', phase: 'complete' }));
    await h.queue.sessionChanged(session(null, { id: h.current().sessionID!, phase: 'display_and_wait' }));
    expect(h.current().bridgeID).toBe('wa');
    h.setView(accounts(viewOf().networks.filter((n) => n.bridgeID !== 'tg')));
    await h.ends('complete');
    expect(outcomes(h.queue.view())?.[1]).toEqual(['tg', 'failed', 'This account is no longer in Beeper Desktop.']);
    expect(h.current().bridgeID).toBe('sig');
  });

  it('skipped while its login was still starting: that login is ended as soon as it exists', async () => {
    const h = harness({ hold: true });
    const tick = () => new Promise((r) => setTimeout(r, 0));
    void h.queue.start();
    await tick();
    const skipping = h.queue.skip(); // WhatsApp skipped before its login exists; Telegram's starts
    await tick();
    h.pending.shift()!(); // WhatsApp's login answers after the skip
    await tick();
    expect(h.started).toEqual(['s1']);
    expect(h.dismissed).toEqual(['s1']);
    h.pending.shift()!(); // Telegram's
    await skipping;
    expect(h.current()).toMatchObject({ bridgeID: 'tg', sessionID: 's2' });
    expect(h.dismissed).toEqual(['s1']);
  });

  it('an account of a bridge this app cannot name is listed with why; a login that fails at once, or cannot start for an odd reason, fails that account', async () => {
    const h = harness({ finishedAtOnce: true, refuse: (t) => (t.bridgeID === 'sig' ? 'not an Error' : null) });
    const v = viewOf();
    h.setView({ ...v, needsAttention: [...v.needsAttention, { ...attention('network:Zulip', 'z', 'Zed'), accountID: 'z1', loginID: null }] });
    await h.queue.start();
    expect(h.queue.view()!.unavailable.map((u) => u.reason)).toEqual(['Beeper’s own account: sign in again in Beeper Desktop.', 'Beeper Desktop does not say which network it belongs to: reconnect it in Beeper Desktop.']);
    expect(outcomes(h.queue.view())).toEqual([
      ['wa', 'failed', 'Too many logins.'],
      ['tg', 'failed', 'Too many logins.'],
      ['sig', 'failed', 'The login could not start.'],
    ]);
    expect(h.dismissed).toEqual(['s1', 's2']);
    expect(h.queue.view()!.finished).toBe(true);
  });

  it('a login that cannot be closed is logged, and the queue goes on; it says what it did in the log, and every change reaches the window', async () => {
    const h = harness({ dismissFails: true });
    await h.queue.start();
    await h.queue.skip();
    expect(h.current().bridgeID).toBe('tg');
    await h.queue.stop();
    expect(h.logs.map((e) => [e.message, e.data])).toEqual([
      ['reconnect all started', { accounts: 3, unavailable: 1 }],
      ['could not close a queued login', { error: { name: 'Error', message: 'gone' } }],
      ['could not close a queued login', { error: { name: 'Error', message: 'gone' } }],
      ['reconnect all finished', { outcomes: ['skipped', 'skipped', 'not-reached'] }],
    ]);
    expect(h.views.at(-1)).toEqual(h.queue.view());
    h.queue.close();
    expect(h.views.at(-1)).toBeNull();
  });

  it('without a queue, or after it ended: Skip, Stop, a login ending or closing change nothing', async () => {
    const h = harness();
    expect(await h.queue.skip()).toBeNull();
    expect(await h.queue.stop()).toBeNull();
    await h.queue.sessionRemoved('s1');
    expect(h.views).toEqual([]);
    await h.queue.start();
    await h.queue.stop();
    const ended = h.queue.view();
    await h.queue.skip();
    await h.queue.sessionRemoved('s1');
    expect(h.queue.view()).toEqual(ended);
    expect(h.started).toEqual(['s1']);
  });

  it('stopped while a login was still starting: that login is ended, and nothing more starts', async () => {
    const h = harness({ hold: true });
    const tick = () => new Promise((r) => setTimeout(r, 0));
    void h.queue.start();
    await tick();
    await h.queue.stop();
    h.pending.shift()!();
    await tick();
    expect(h.dismissed).toEqual(['s1']);
    expect(h.pending).toEqual([]);
    expect(h.queue.view()!.finished).toBe(true);
  });

  it('Beeper Desktop stops in the middle: that account fails with why, and the queue ends there instead of failing every other account', async () => {
    const h = harness();
    await h.queue.start();
    await h.queue.sessionChanged(session(null, { id: h.current().sessionID!, phase: 'failed', error: { kind: 'not_running', message: 'Beeper Desktop stopped while connecting.' } }));
    expect(outcomes(h.queue.view())).toEqual([
      ['wa', 'failed', 'Beeper Desktop stopped while connecting.'],
      ['tg', 'not-reached', null],
      ['sig', 'not-reached', null],
    ]);
    expect(h.started).toEqual(['s1']);
    const refused = harness({ refuse: () => new AppError('not_running', 'Beeper Desktop is not running.') });
    await refused.queue.start();
    expect(outcomes(refused.queue.view())).toEqual([
      ['wa', 'failed', 'Beeper Desktop is not running.'],
      ['tg', 'not-reached', null],
      ['sig', 'not-reached', null],
    ]);
  });

  it('nothing needs login: a finished queue with nothing in it', async () => {
    const h = harness();
    h.setView(accounts([]));
    const v = await h.queue.start();
    expect(v).toEqual({ finished: true, current: null, items: [], unavailable: [] });
  });

  it('whatever the user and the logins do, every login the queue started and left is closed, and at most one runs', async () => {
    const event = fc.constantFrom('complete', 'failed', 'cancelled', 'skip', 'stop', 'removed');
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 8 }), async (events) => {
        const h = harness();
        await h.queue.start();
        for (const e of events) {
          const v = h.queue.view()!;
          if (v.finished) break;
          if (e === 'skip') await h.queue.skip();
          else if (e === 'stop') await h.queue.stop();
          else if (e === 'removed') await h.queue.sessionRemoved(h.current().sessionID!);
          else await h.ends(e);
        }
        const v = h.queue.view()!;
        const running = v.items.filter((i) => i.outcome === 'current');
        expect(running.length).toBeLessThanOrEqual(1);
        const open = running.map((i) => i.sessionID);
        // Closed by the queue, or (removed) already closed by someone else.
        for (const id of h.started) if (!open.includes(id)) expect(h.dismissed.includes(id) || events.includes('removed')).toBe(true);
        if (v.finished) expect(v.items.every((i) => i.outcome !== 'waiting' && i.outcome !== 'current')).toBe(true);
      }),
    );
  });
});
