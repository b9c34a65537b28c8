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
   * A question from the page, which `ask` puts to main: the first getState takes the early answer
   * while it is good (not after a push); one that failed (main not ready for it yet, the socket
   * dropped) is asked again. Any other question, and any later getState, is asked.
   */
  invoke(channel: string, ask: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    if (channel !== INVOKE.getState || !this.answer) return ask();
    const answer = this.answer;
    this.answer = null;
    return answer.then((e) => (e.ok ? e : ask()), ask);
  }
}

/** A transport whose first `app.getState` was asked at once, when it was made. */
export function askStateEarly(transport: Transport): Transport {
  const early = new EarlyState(transport.invoke(INVOKE.getState, undefined));
  for (const channel of Object.values(EVENTS)) transport.subscribe(channel, () => early.pushed());
  return {
    invoke: (channel, payload) => early.invoke(channel, () => transport.invoke(channel, payload)),
    subscribe: (channel, listener) => transport.subscribe(channel, listener),
  };
}
