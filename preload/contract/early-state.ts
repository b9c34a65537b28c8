/**
 * The window's first state, asked for before the page's code has loaded (by the Electron preload,
 * by the preview's boot script): main builds it while the page compiles, and the page's first
 * `getState()` takes that answer instead of asking again. The answer is good until main pushes
 * anything: an event may be newer than it, and the page then asks afresh (its own events from then
 * on: renderer/src/store.ts).
 */
import type { Transport } from './api.ts';
import { EVENTS, INVOKE, type Envelope } from './channels.ts';

export class EarlyState {
  private answer: Promise<Envelope<unknown>> | null;

  constructor(answer: Promise<Envelope<unknown>>) {
    this.answer = answer;
    answer.catch(() => undefined); // one nobody takes fails quietly; one taken fails for its taker
  }

  /** Main pushed something before the page asked: the early answer may be older than it. */
  pushed(): void {
    this.answer = null;
  }

  /**
   * The page asks: the early answer, once, while it is good (null after, or after a push). One that
   * failed (main not ready for it yet, the socket dropped) is asked for again.
   */
  take(askAgain: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> | null {
    const answer = this.answer;
    this.answer = null;
    return answer?.then((e) => (e.ok ? e : askAgain()), askAgain) ?? null;
  }
}

/** A transport whose first `app.getState` was asked at once, when it was made. */
export function askStateEarly(transport: Transport): Transport {
  const early = new EarlyState(transport.invoke(INVOKE.getState, undefined));
  for (const channel of Object.values(EVENTS)) transport.subscribe(channel, () => early.pushed());
  return {
    invoke: (channel, payload) => {
      const ask = (): Promise<Envelope<unknown>> => transport.invoke(channel, payload);
      return (channel === INVOKE.getState ? early.take(ask) : null) ?? ask();
    },
    subscribe: (channel, listener) => transport.subscribe(channel, listener),
  };
}
