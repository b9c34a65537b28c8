/**
 * A fake main process for renderer component tests: the real contract API (`buildApi`) over a
 * transport whose answers a test scripts per channel, and whose pushed events a test sends. Every
 * answer is parsed with the contract's response schema, so a fixture that main could not send
 * fails the test instead of passing it.
 */
import { buildApi, type BeeperAccountManagerAPI } from '../../../preload/contract/api.ts';
import type { Envelope, EventChannel, InvokeChannel } from '../../../preload/contract/channels.ts';
import { eventSchemas, invokeSchemas, type EventPayload, type EventSchemas, type RequestOf, type ResponseOf } from '../../../preload/contract/schemas.ts';

type Handler<C extends InvokeChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

export interface FakeMain {
  api: BeeperAccountManagerAPI;
  /** Every call the renderer made, in order. */
  calls: Array<{ channel: InvokeChannel; request: unknown }>;
  /** How main answers a channel from now on. A channel without an answer rejects. */
  answer<C extends InvokeChannel>(channel: C, handler: Handler<C>): void;
  /** Main refuses a channel with this error. */
  refuse(channel: InvokeChannel, error: { kind: string; message: string; code?: string }): void;
  push<E extends keyof EventSchemas>(event: E, payload: EventPayload<E>): void;
  callsTo(channel: InvokeChannel): unknown[];
}

export function fakeMain(): FakeMain {
  const handlers = new Map<InvokeChannel, (request: unknown) => unknown>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const calls: FakeMain['calls'] = [];
  // What every window tells main on its own (where it is, that it has drawn): main takes it, checked.
  handlers.set('ui.rememberPlace', (request) => (invokeSchemas['ui.rememberPlace'].request.parse(request), null));
  handlers.set('ui.ready', () => null);
  const api = buildApi({
    async invoke(channel, request): Promise<Envelope<unknown>> {
      const c = channel as InvokeChannel;
      calls.push({ channel: c, request });
      const handler = handlers.get(c);
      if (!handler) return { ok: false, error: { kind: 'unknown', message: `No answer scripted for ${c}.` } };
      try {
        return { ok: true, value: invokeSchemas[c].response.parse(await handler(request)) };
      } catch (e) {
        if (e instanceof Refusal) return { ok: false, error: e.error };
        throw e;
      }
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return {
    api,
    calls,
    answer(channel, handler) {
      handlers.set(channel, handler as (request: unknown) => unknown);
    },
    refuse(channel, error) {
      handlers.set(channel, () => {
        throw new Refusal(error);
      });
    },
    push(event, payload) {
      const parsed = eventSchemas[event].parse(payload);
      for (const l of listeners.get(event) ?? []) l(parsed);
    },
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.request),
  };
}

class Refusal extends Error {
  readonly error: { kind: string; message: string; code?: string };
  constructor(error: { kind: string; message: string; code?: string }) {
    super(error.message);
    this.error = error;
  }
}
