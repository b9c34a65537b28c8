/**
 * preload/contract/schemas.ts: the request limits main enforces. Every channel is also exercised
 * with hostile payloads in test/main/core/ipc/registry.test.ts and end to end in
 * test/main/core/account-manager/ipc-and-secrets.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { eventSchemas, invokeSchemas } from '../../../preload/contract/schemas.ts';

const ok = (channel: keyof typeof invokeSchemas, payload: unknown) => invokeSchemas[channel].request.safeParse(payload).success;

describe('contract schemas', () => {
  it('channels without a request take none', () => {
    expect(ok('app.getState', undefined)).toBe(true);
    expect(ok('app.getState', {})).toBe(false);
  });

  it('IDs are 1 to 512 characters', () => {
    expect(ok('sessions.cancel', { sessionID: 'x' })).toBe(true);
    expect(ok('sessions.cancel', { sessionID: '' })).toBe(false);
    expect(ok('sessions.cancel', { sessionID: 'x'.repeat(512) })).toBe(true);
    expect(ok('sessions.cancel', { sessionID: 'x'.repeat(513) })).toBe(false);
  });

  it('typed values: at most 64 fields, names up to 256 characters, values up to 16 384; extra keys refused', () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, 'v']));
    expect(ok('sessions.submitInput', { sessionID: 's', fields: fields(64) })).toBe(true);
    expect(ok('sessions.submitInput', { sessionID: 's', fields: fields(65) })).toBe(false);
    expect(ok('sessions.submitInput', { sessionID: 's', fields: { ['k'.repeat(257)]: 'v' } })).toBe(false);
    expect(ok('sessions.submitInput', { sessionID: 's', fields: { k: 'v'.repeat(16_385) } })).toBe(false);
    expect(ok('sessions.submitInput', { sessionID: 's', fields: {}, extra: 1 })).toBe(false);
  });

  it('a removal names one of the two scopes', () => {
    expect(ok('logins.remove', { bridgeID: 'b', loginID: 'l', scope: 'all-devices' })).toBe(true);
    expect(ok('logins.remove', { bridgeID: 'b', loginID: 'l', scope: 'everywhere' })).toBe(false);
  });

  it('navigation events name a screen the window has', () => {
    const nav = eventSchemas['ui.navigate'];
    expect(nav.safeParse({ to: 'add-account' }).success).toBe(true);
    expect(nav.safeParse({ to: 'confirm-reconnect', bridgeID: 'b', loginID: null, accountID: 'a' }).success).toBe(true);
    expect(nav.safeParse({ to: 'settings' }).success).toBe(false);
  });
});
