/** preload/contract/api.ts: the renderer API built from a transport — one method per channel, errors as RemoteError. */
import { describe, expect, it } from 'vitest';
import { buildApi, RemoteError } from '../../../preload/contract/api.ts';
import { INVOKE, type Envelope } from '../../../preload/contract/channels.ts';

function transport(answer: (channel: string, payload: unknown) => Envelope<unknown>) {
  const sent: Array<[string, unknown]> = [];
  const subscribed: string[] = [];
  return {
    sent,
    subscribed,
    t: {
      invoke: (channel: string, payload: unknown) => (sent.push([channel, payload]), Promise.resolve(answer(channel, payload))),
      subscribe: (channel: string) => (subscribed.push(channel), () => subscribed.splice(subscribed.indexOf(channel), 1)),
    },
  };
}

describe('buildApi', () => {
  it('one frozen method per invoke channel, sending its request and answering its value', async () => {
    const { t, sent } = transport((channel) => ({ ok: true, value: `answer of ${channel}` }));
    const api = buildApi(t);
    expect(Object.isFrozen(api)).toBe(true);
    for (const [method, channel] of Object.entries(INVOKE)) {
      expect(await (api as unknown as Record<string, (r?: unknown) => Promise<unknown>>)[method]!({ probe: method })).toBe(`answer of ${channel}`);
    }
    expect(sent).toEqual(Object.entries(INVOKE).map(([method, channel]) => [channel, { probe: method }]));
  });

  it('an error envelope rejects with a RemoteError carrying kind, code and message', async () => {
    const api = buildApi(transport(() => ({ ok: false, error: { kind: 'not_running', message: 'Beeper Desktop is not running.', code: 'X' } })).t);
    const e = await api.getState().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RemoteError);
    expect(e).toMatchObject({ name: 'RemoteError', kind: 'not_running', code: 'X', message: 'Beeper Desktop is not running.' });
    const bare = await buildApi(transport(() => ({ ok: false, error: { kind: 'unknown', message: 'No.' } })).t).getState().catch((err: unknown) => err);
    expect(bare).toMatchObject({ kind: 'unknown', code: undefined });
  });

  it('on() subscribes through the transport and returns its unsubscribe', () => {
    const { t, subscribed } = transport(() => ({ ok: true, value: null }));
    const off = buildApi(t).on('state.auth', () => undefined);
    expect(subscribed).toEqual(['state.auth']);
    off();
    expect(subscribed).toEqual([]);
  });
});
