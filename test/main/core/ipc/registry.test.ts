/** main/core/ipc/registry.ts: how the IPC registry answers a handler's result, its errors, and bad payloads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpcRegistry, MAX_ERROR_MESSAGE, type SenderInfo } from '../../../../main/core/ipc/registry.ts';
import { formatLine, Logger, memorySink } from '../../../../main/core/log.ts';
import { INVOKE } from '../../../../preload/contract/channels.ts';

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
