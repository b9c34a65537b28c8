/** preload/contract/early-state.ts: the first state asked before the page asks, taken once, while nothing newer came. */
import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../../preload/contract/api.ts';
import type { Envelope, EventChannel } from '../../../preload/contract/channels.ts';
import { askStateEarly } from '../../../preload/contract/early-state.ts';

/** A transport whose answers count the questions: `state N` for the Nth getState. */
function counting(opts: { fail?: 'envelope' | 'reject' } = {}) {
  const calls: string[] = [];
  const listeners = new Map<EventChannel, Array<(payload: unknown) => void>>();
  const transport: Transport = {
    invoke: (channel) => {
      calls.push(channel);
      const n = calls.filter((c) => c === channel).length;
      if (n === 1 && opts.fail === 'reject') return Promise.reject(new Error('No handler registered'));
      if (n === 1 && opts.fail === 'envelope') return Promise.resolve({ ok: false, error: { kind: 'internal', message: 'not yet' } });
      return Promise.resolve({ ok: true, value: `${channel} ${n}` } as Envelope<unknown>);
    },
    subscribe: (channel, listener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return () => undefined;
    },
  };
  const push = (channel: EventChannel, payload: unknown): void => listeners.get(channel)?.forEach((l) => l(payload));
  return { transport, calls, push };
}

describe('the state asked early', () => {
  it('is asked at once, and the page’s first getState takes it without asking again; the next asks', async () => {
    const { transport, calls } = counting();
    const early = askStateEarly(transport);
    expect(calls).toEqual(['app.getState']);
    await expect(early.invoke('app.getState', undefined)).resolves.toEqual({ ok: true, value: 'app.getState 1' });
    expect(calls).toEqual(['app.getState']);
    await expect(early.invoke('app.getState', undefined)).resolves.toEqual({ ok: true, value: 'app.getState 2' });
    await expect(early.invoke('settings.get', undefined)).resolves.toEqual({ ok: true, value: 'settings.get 1' });
  });

  it('anything main pushes before the page asks may be newer: the page asks afresh, and still gets the events', async () => {
    const { transport, calls, push } = counting();
    const early = askStateEarly(transport);
    const seen: unknown[] = [];
    push('state.accounts', { networks: [] });
    early.subscribe('state.accounts', (p) => seen.push(p));
    push('state.accounts', { networks: ['x'] });
    await expect(early.invoke('app.getState', undefined)).resolves.toEqual({ ok: true, value: 'app.getState 2' });
    expect(calls).toEqual(['app.getState', 'app.getState']);
    expect(seen).toEqual([{ networks: ['x'] }]);
  });

  it.each(['envelope', 'reject'] as const)('an early answer that failed (%s) is asked for again', async (fail) => {
    const { transport, calls } = counting({ fail });
    const early = askStateEarly(transport);
    await expect(early.invoke('app.getState', undefined)).resolves.toEqual({ ok: true, value: 'app.getState 2' });
    expect(calls).toEqual(['app.getState', 'app.getState']);
  });

  it('another question asked first goes to main, and leaves the early answer for getState', async () => {
    const { transport, calls } = counting();
    const early = askStateEarly(transport);
    await expect(early.invoke('accounts.refresh', undefined)).resolves.toEqual({ ok: true, value: 'accounts.refresh 1' });
    await expect(early.invoke('app.getState', undefined)).resolves.toEqual({ ok: true, value: 'app.getState 1' });
    expect(calls).toEqual(['app.getState', 'accounts.refresh']);
  });

  it('an early answer that failed and that nobody takes fails quietly (no unhandled rejection)', async () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', note);
    try {
      const { transport, push } = counting({ fail: 'reject' });
      askStateEarly(transport);
      push('state.auth', {});
      await tick(10);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
