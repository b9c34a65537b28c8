/** main/core/ipc/registry.ts: how the IPC registry answers a handler's result, its errors, and bad payloads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounded, IpcRegistry, MAX_ERROR_MESSAGE, withinSizeLimits, type SenderInfo } from '../../../../main/core/ipc/registry.ts';
import { formatLine, Logger, memorySink } from '../../../../main/core/log.ts';
import { INVOKE } from '../../../../preload/contract/channels.ts';
import { AppError } from '../../../../main/core/errors.ts';

describe('IpcRegistry', () => {
  it('strips fields the contract does not name from answers, and refuses off-contract answers', async () => {
    const { sink, entries } = memorySink();
    const registry = new IpcRegistry({ log: new Logger({ sinks: [sink] }), isTrustedSender: () => true });
    registry.handle('logins.remove', () => ({ affectedAccountIDs: ['a'], accessToken: 'leak!' }) as never);
    registry.handle('bridges.getFlows', () => ({ not: 'an array' }) as never);
    const sender = { transport: 'websocket' as const, id: 's' };
    expect(await registry.invoke('logins.remove', { bridgeID: 'b', loginID: 'l', scope: 'current-device' }, sender)).toEqual({ ok: true, value: { affectedAccountIDs: ['a'] } });
    expect(await registry.invoke('bridges.getFlows', { bridgeID: 'b' }, sender)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(entries.some((e) => e.level === 'error')).toBe(true);
    expect(() => registry.handle('logins.remove', () => ({ affectedAccountIDs: [] }))).toThrow(/already has a handler/);
  });

  it('turns an unexpected exception into a generic error without its message', async () => {
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    registry.handle('accounts.refresh', () => {
      throw new Error('internal detail with /home/user/path');
    });
    const env = await registry.invoke('accounts.refresh', undefined, { transport: 'electron', id: '1' });
    expect(env).toEqual({ ok: false, error: { kind: 'unknown', message: 'Something went wrong.' } });
  });

  it('validates event payloads, stripping extra fields', () => {
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    expect(registry.event('state.sessionRemoved', { sessionID: 's', secret: 'x' } as never)).toEqual({ sessionID: 's' });
    expect(registry.event('state.sessionRemoved', { sessionID: '' })).toBeNull();
  });
});

const sender: SenderInfo = { transport: 'websocket', id: 'trusted' };
const CHANNELS = Object.values(INVOKE);

/** A registry where every channel has a handler that must never be reached with a bad payload. */
function registry() {
  const { sink, entries } = memorySink(10_000);
  const r = new IpcRegistry({ log: new Logger({ sinks: [sink] }), isTrustedSender: (s) => s.id === 'trusted' });
  const reached: string[] = [];
  for (const channel of CHANNELS) {
    r.handle(channel, (() => {
      reached.push(channel);
      throw new Error('handler reached');
    }));
  }
  return { r, entries, reached };
}

/** Payloads: anything JSON-like, objects with very long or very many keys, and deep nesting. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ minLength: 300, maxLength: 3_000 }).map((k) => ({ [k]: 1 })),
  fc.integer({ min: 65, max: 2_000 }).map((n) => ({ sessionID: 's', fields: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'x'])) })),
  fc.string({ minLength: 300, maxLength: 3_000 }).map((k) => ({ sessionID: 's', fields: { [k]: 'v' } })),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.anything({ maxDepth: 2 }), { maxKeys: 80 }),
);

describe('IpcRegistry against random payloads', () => {
  it('answers every channel with an envelope; a refusal is short; nothing long reaches the log', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), hostile, async (channel, payload) => {
        const { r, entries } = registry();
        const envelope = await r.invoke(channel, payload, sender);
        expect(typeof envelope.ok).toBe('boolean');
        if (!envelope.ok) {
          expect(envelope.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
          expect(JSON.stringify(envelope).length).toBeLessThan(MAX_ERROR_MESSAGE + 200);
        }
        for (const e of entries) expect(formatLine(e).length).toBeLessThan(4_000);
      }),
      { numRuns: 400 },
    );
  });

  it('a 1 MB key: refused, with at most the limit echoed into the reply and the log', async () => {
    const { r, entries, reached } = registry();
    const key = 'k'.repeat(1024 * 1024);
    for (const channel of ['sessions.cancel', 'auth.useToken', 'settings.update'] as const) {
      const envelope = await r.invoke(channel, { sessionID: 's', token: 't', [key]: 1 }, sender);
      expect(envelope).toMatchObject({ ok: false, error: { kind: 'invalid_request', code: 'INVALID_PAYLOAD' } });
      expect(JSON.stringify(envelope).length).toBeLessThan(400);
    }
    expect(reached).toEqual([]);
    expect(Math.max(...entries.map((e) => formatLine(e).length))).toBeLessThan(1_000);
  });

  it('200 000 typed fields are refused before the schema looks at them', async () => {
    const { r, reached } = registry();
    const fields: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) fields[`f${i}`] = 'x';
    const envelope = await r.invoke('sessions.submitInput', { sessionID: 's', fields }, sender);
    expect(envelope).toMatchObject({ ok: false, error: { message: 'Invalid request (too large).' } });
    expect(reached).toEqual([]);
  });
});

describe('IpcRegistry, exactly', () => {
  const trusted: SenderInfo = { transport: 'electron', id: '1', url: 'app://bundle/index.html' };
  const stranger: SenderInfo = { transport: 'websocket', id: 'evil', url: 'https://evil.example' };

  it('a stranger gets a refusal and no handler runs; the refusal is logged with where it came from', async () => {
    const { sink, entries } = memorySink();
    const r = new IpcRegistry({ log: new Logger({ sinks: [sink] }), isTrustedSender: (s) => s.id === '1' });
    let ran = false;
    r.handle('auth.cancelSignIn', () => ((ran = true), null));
    expect(await r.invoke('auth.cancelSignIn', undefined, stranger)).toEqual({ ok: false, error: { kind: 'invalid_request', message: 'This window may not talk to Beeper Account Manager.', code: 'UNTRUSTED_SENDER' } });
    expect(ran).toBe(false);
    expect(entries.map((e) => [e.message, e.data])).toEqual([['IPC request from an untrusted sender refused', { channel: 'auth.cancelSignIn', transport: 'websocket', url: 'https://evil.example' }]]);
    expect(await r.invoke('auth.cancelSignIn', undefined, trusted)).toEqual({ ok: true, value: null });
    expect(ran).toBe(true);
  });

  it('a channel with no handler, or none in the contract, is unknown; the channel name is cut in the log', async () => {
    const { sink, entries } = memorySink();
    const r = new IpcRegistry({ log: new Logger({ sinks: [sink] }), isTrustedSender: () => true });
    r.handle('auth.cancelSignIn', () => null);
    expect(r.channels()).toEqual(['auth.cancelSignIn']);
    const unknown = { ok: false, error: { kind: 'invalid_request', message: 'Unknown request.', code: 'UNKNOWN_CHANNEL' } };
    expect(await r.invoke('auth.signOut', undefined, trusted)).toEqual(unknown); // in the contract, no handler here
    expect(await r.invoke('x'.repeat(300), undefined, trusted)).toEqual(unknown);
    expect(entries.map((e) => e.message)).toEqual(['IPC request on an unknown channel', 'IPC request on an unknown channel']);
    expect(entries[1]!.data).toEqual({ channel: 'x'.repeat(100) });
    expect(() => r.handle('auth.cancelSignIn', () => null)).toThrow(/already has a handler/);
  });

  it('size limits: 256 items, 64 keys of at most 512 characters, counted two levels down, own keys only', () => {
    expect(withinSizeLimits(Array(256).fill(1))).toBe(true);
    expect(withinSizeLimits(Array(257).fill(1))).toBe(false);
    const keys = (n: number, len = 1) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${'k'.repeat(len)}${i}`, i]));
    expect(withinSizeLimits(keys(64))).toBe(true);
    expect(withinSizeLimits(keys(65))).toBe(false);
    expect(withinSizeLimits({ ['k'.repeat(512)]: 1 })).toBe(true);
    expect(withinSizeLimits({ ['k'.repeat(513)]: 1 })).toBe(false);
    expect(withinSizeLimits({ a: keys(65) })).toBe(false); // one level down
    expect(withinSizeLimits({ a: { b: keys(65) } })).toBe(false); // two levels down
    expect(withinSizeLimits({ a: { b: { c: keys(65) } } })).toBe(true); // deeper: the schema's job
    expect(withinSizeLimits([Array(257).fill(1)])).toBe(false);
    expect(withinSizeLimits([[[Array(257).fill(1)]]])).toBe(true);
    expect([withinSizeLimits(null), withinSizeLimits('x'.repeat(10_000)), withinSizeLimits(7)]).toEqual([true, true, true]);
    const inherited = Object.create(keys(100)) as object;
    expect(withinSizeLimits(inherited)).toBe(true);
  });

  it('an invalid payload is refused naming at most three problems, the whole reply cut to 200 characters', async () => {
    const r = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    r.handle('logins.remove', () => ({ affectedAccountIDs: [] }));
    const reply = await r.invoke('logins.remove', { bridgeID: 1, loginID: 2, scope: 3, extra: 'x' }, trusted);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid_request', code: 'INVALID_PAYLOAD' } });
    const message = (reply as { error: { message: string } }).error.message;
    expect(message.startsWith('Invalid request (bridgeID: ')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(message.split('; ')).toHaveLength(3);
    const short = await r.invoke('logins.remove', { bridgeID: 'b', loginID: 'l' }, trusted);
    expect((short as { error: { message: string } }).error.message).toMatch(/^Invalid request \(scope: .*\)\.$/);
  });
});

describe('IpcRegistry, what it logs and answers, exactly', () => {
  const setup = () => {
    const { sink, entries } = memorySink();
    const r = new IpcRegistry({ log: new Logger({ sinks: [sink] }), isTrustedSender: () => true });
    const logged = (message: string) => entries.find((e) => e.message === message)?.data;
    return { r, entries, logged };
  };

  it('a text is cut only past the limit, ending in an ellipsis', () => {
    expect(bounded('x'.repeat(MAX_ERROR_MESSAGE))).toBe('x'.repeat(MAX_ERROR_MESSAGE));
    expect(bounded('x'.repeat(MAX_ERROR_MESSAGE + 1))).toBe(`${'x'.repeat(MAX_ERROR_MESSAGE - 1)}…`);
  });

  it('every item of a list is counted: one oversized list among small ones refuses the payload', () => {
    expect(withinSizeLimits([1, Array(257).fill(1)])).toBe(false);
    expect(withinSizeLimits([Array(257).fill(1), 1])).toBe(false);
  });

  it('an oversized payload: logged with its channel', async () => {
    const { r, logged } = setup();
    r.handle('accounts.refresh', () => ({}) as never);
    await r.invoke('accounts.refresh', Array(300).fill(1), sender);
    expect(logged('IPC request with an oversized payload refused')).toEqual({ channel: 'accounts.refresh' });
  });

  it('an invalid payload: at most three problems, each as path (or "payload"): message, paths and messages cut', async () => {
    const { r, logged } = setup();
    r.handle('logins.remove', () => ({ affectedAccountIDs: [] }));
    r.handle('auth.useToken', () => ({}) as never);
    const longKey = 'k'.repeat(100);
    const reply = await r.invoke('logins.remove', { bridgeID: 'b', loginID: 'l', scope: 'current-device', [longKey]: 1 }, sender);
    const issues = logged('IPC request with an invalid payload refused') as { channel: string; issues: string };
    expect(issues.channel).toBe('logins.remove');
    const [where, message] = issues.issues.split(': ');
    expect(where).toBe('payload');
    expect(message!.length).toBeLessThanOrEqual(80);
    expect((reply as { error: { message: string } }).error.message).toBe(`Invalid request (${issues.issues}).`);
    const four = await r.invoke('logins.remove', { bridgeID: 1, loginID: 2, scope: 3, [longKey.slice(0, 70)]: 4 }, sender);
    const text = (four as { error: { message: string } }).error.message;
    expect(text.split('; ')).toHaveLength(3);
    const deep = await r.invoke('auth.useToken', 'not an object', sender);
    expect((deep as { error: { message: string } }).error.message).toMatch(/^Invalid request \(payload: /);
  });

  it('a long path is cut to 60 characters', async () => {
    const { r, logged } = setup();
    r.handle('settings.update', () => ({}) as never);
    const key = 'p'.repeat(100);
    await r.invoke('settings.update', { windowBounds: { [key]: 1 } }, sender);
    const issues = (logged('IPC request with an invalid payload refused') as { issues: string }).issues;
    for (const part of issues.split('; ')) expect(part.split(': ')[0]!.length).toBeLessThanOrEqual(60);
  });

  it('an answer outside the contract: logged with its first three paths, answered in general terms', async () => {
    const { r, logged } = setup();
    r.handle('bridges.getFlows', () => [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] as never);
    expect(await r.invoke('bridges.getFlows', { bridgeID: 'b' }, sender)).toEqual({ ok: false, error: { kind: 'unknown', message: 'Something went wrong.', code: 'CONTRACT_VIOLATION' } });
    const data = logged('IPC handler answered outside the contract') as { channel: string; issues: string[] };
    expect(data.channel).toBe('bridges.getFlows');
    expect(data.issues.length).toBeLessThanOrEqual(3);
    expect(data.issues[0]).toMatch(/^0\./);
  });

  it('an AppError from a handler is the answer as it is, and is not logged as a failure; anything else is', async () => {
    const { r, entries, logged } = setup();
    r.handle('accounts.refresh', () => {
      throw new AppError('rate_limited', 'Slow down.', { code: 'RATE' });
    });
    r.handle('auth.signOut', () => {
      throw new TypeError('boom');
    });
    expect(await r.invoke('accounts.refresh', undefined, sender)).toEqual({ ok: false, error: { kind: 'rate_limited', message: 'Slow down.', code: 'RATE' } });
    expect(entries).toEqual([]);
    await r.invoke('auth.signOut', undefined, sender);
    expect(logged('IPC handler failed')).toEqual({ channel: 'auth.signOut', error: { name: 'TypeError', message: 'boom' } });
  });

  it('an event outside the contract: dropped and logged with its first three paths', () => {
    const { r, logged } = setup();
    expect(r.event('state.sessionRemoved', { sessionID: 7 } as never)).toBeNull();
    expect(logged('event outside the contract dropped')).toEqual({ event: 'state.sessionRemoved', issues: ['sessionID'] });
  });
});
