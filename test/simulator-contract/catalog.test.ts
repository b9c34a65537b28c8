/** Accounts, bridges, capabilities, login flows and logins: the read side of the API. */
import BeeperDesktop from '@beeper/desktop-api';
import { describe, expect, it } from 'vitest';
import type { WireAccount, WireBridge, WireBridgeLogin } from '../simulator/wire.ts';
import { control, rejectionOf, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator();

const bridges = async (): Promise<WireBridge[]> => (await fx.client.get<{ items: WireBridge[] }>('/v1/bridges')).items;
const logins = async (bridgeID: string): Promise<WireBridgeLogin[]> =>
  (await fx.client.get<{ items: WireBridgeLogin[] }>(`/v1/bridges/${bridgeID}/logins`)).items;

describe('accounts', () => {
  it('lists the seeded accounts as a bare array (SDK typed method)', async () => {
    const accounts = (await fx.client.accounts.list()) as WireAccount[];
    expect(Array.isArray(accounts)).toBe(true);
    const byBridge = Object.fromEntries(accounts.map((a) => [a.bridge.id, a]));
    expect(Object.keys(byBridge).sort()).toEqual(['local-telegram', 'local-whatsapp', 'matrix', 'slackgo']);
    expect(byBridge['matrix']).toMatchObject({ accountID: 'matrix', status: 'connected', bridge: { provider: 'cloud', type: 'matrix' } });
    const wa = byBridge['local-whatsapp']!;
    expect(wa.accountID).toBe(`local-whatsapp_${wa.loginID}`);
    expect(wa.user).toMatchObject({ id: wa.loginID, phoneNumber: '+15550100101', fullName: 'Alex Rivera', isSelf: true });
    expect(wa.loginID).toMatch(/^ba_[0-9A-Za-z]{27}$/);
  });

  it('marks the seeded Telegram account as needing reconnection, with the login status text', async () => {
    const accounts = (await fx.client.accounts.list()) as WireAccount[];
    const tg = accounts.find((a) => a.bridge.id === 'local-telegram')!;
    expect(tg.status).toBe('reconnect_required');
    expect(tg.statusText).toMatch(/logged out of Telegram/);
  });

  it('gets one account, and 404s an unknown one', async () => {
    const account = await fx.client.get<WireAccount>('/v1/accounts/matrix');
    expect(account.user.fullName).toBe('Alex Rivera');
    const err = await rejectionOf(fx.strict.get('/v1/accounts/nope'));
    expect(err).toBeInstanceOf(BeeperDesktop.NotFoundError);
  });

  it('can serve the older Account shape without status', async () => {
    await control(fx.sim, '/config', { legacyAccountShape: true });
    const accounts = (await fx.client.accounts.list()) as WireAccount[];
    for (const a of accounts) {
      expect(a).not.toHaveProperty('status');
      expect(a).not.toHaveProperty('loginID');
      expect(a).toHaveProperty('bridge');
    }
  });
});

describe('bridges', () => {
  it('lists every scenario bridge with the documented fields', async () => {
    const items = await bridges();
    expect(items.map((b) => b.id)).toEqual([
      'matrix',
      'local-whatsapp',
      'local-telegram',
      'local-signal',
      'local-gmessages',
      'local-instagram',
      'slackgo',
      'local-twitter',
      'discordgo',
      'local-linkedin',
      'local-facebook',
    ]);
    for (const b of items) {
      expect(b).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          accounts: expect.any(Array),
          activeAccountCount: b.accounts.length,
          displayName: expect.any(String),
          provider: expect.stringMatching(/^(cloud|self-hosted|local|platform-sdk)$/),
          status: expect.stringMatching(/^(available|connected|limit_reached|temporarily_unavailable|disabled)$/),
          supportsMultipleAccounts: expect.any(Boolean),
          type: expect.any(String),
        }),
      );
    }
  });

  it('reports availability: available, connected (single-account in use), and each unavailable status', async () => {
    const status = Object.fromEntries((await bridges()).map((b) => [b.id, [b.status, b.statusText]]));
    expect(status['local-whatsapp']![0]).toBe('available');
    expect(status['local-signal']![0]).toBe('available');
    expect(status['matrix']![0]).toBe('connected');
    expect(status['discordgo']).toEqual(['limit_reached', expect.stringMatching(/plan/)]);
    expect(status['local-linkedin']).toEqual(['temporarily_unavailable', expect.stringMatching(/temporarily unavailable/)]);
    expect(status['local-facebook']).toEqual(['disabled', expect.stringMatching(/turned off/)]);
  });

  it('includes each bridge its accounts, the same objects /v1/accounts lists', async () => {
    const all = (await fx.client.accounts.list()) as WireAccount[];
    const slack = await fx.client.get<WireBridge>('/v1/bridges/slackgo');
    expect(slack.accounts).toEqual(all.filter((a) => a.bridge.id === 'slackgo'));
    expect(slack.accounts.map((a) => a.accountID).sort()).toEqual(['slackgo.T0ACME001-U0ALEX001', 'slackgo.T0ACMELAB-U0ALEX001']);
  });

  it('serves snake_case capabilities', async () => {
    const caps = await fx.client.get<Record<string, Record<string, unknown>>>('/v1/bridges/local-telegram/capabilities');
    expect(caps['resolve_identifier']).toMatchObject({ lookup_phone: true, lookup_username: true, create_dm: true });
    expect(caps['group_creation']!['group']).toMatchObject({ type_description: 'Group chat' });
  });

  it('serves login flows with the connectors\' IDs', async () => {
    const flows = async (id: string): Promise<string[]> =>
      (await fx.client.get<{ items: Array<{ id: string; name?: string; description?: string }> }>(`/v1/bridges/${id}/login-flows`)).items.map((f) => f.id);
    expect(await flows('local-whatsapp')).toEqual(['qr', 'phone']);
    expect(await flows('local-telegram')).toEqual(['phone', 'qr']);
    expect(await flows('local-signal')).toEqual(['qr']);
    expect(await flows('local-gmessages')).toEqual(['google', 'qr']);
    expect(await flows('local-instagram')).toEqual(['instagram']);
    expect(await flows('slackgo')).toEqual(['token', 'email']);
    expect(await flows('local-twitter')).toEqual(['cookies']);
    expect(await flows('matrix')).toEqual([]);
  });
});

describe('logins', () => {
  it('lists a bridge\'s logins with status, remove scopes, accounts and identity', async () => {
    const [tg] = await logins('local-telegram');
    expect(tg).toMatchObject({
      bridgeID: 'local-telegram',
      status: 'needs_login',
      removeScopes: ['current-device', 'all-devices'],
      user: { phoneNumber: '+15550100202' },
    });
    expect(tg!.accountIDs).toEqual([`local-telegram_${tg!.loginID}`]);
    const one = await fx.client.get<WireBridgeLogin>(`/v1/bridges/local-telegram/logins/${tg!.loginID}`);
    expect(one).toEqual(tg);
  });

  it('holds several accounts under one Slack login', async () => {
    const [slack] = await logins('slackgo');
    expect(slack!.loginID).toBe('T0ACME001-U0ALEX001');
    expect(slack!.accountIDs).toHaveLength(2);
  });

  it('404s an unknown login', async () => {
    const err = await rejectionOf(fx.strict.get('/v1/bridges/local-telegram/logins/ba_nope'));
    expect(err.status).toBe(404);
  });

  it('reflects status changes of a login on its accounts', async () => {
    const [wa] = await logins('local-whatsapp');
    await control(fx.sim, `/logins/local-whatsapp/${wa!.loginID}/status`, { status: 'logged_out', statusText: 'Logged out from your phone' });
    const account = await fx.client.get<WireAccount>(`/v1/accounts/local-whatsapp_${wa!.loginID}`);
    expect(account).toMatchObject({ status: 'connection_required', statusText: 'Logged out from your phone' });
    await control(fx.sim, `/logins/local-whatsapp/${wa!.loginID}/status`, { status: 'connecting' });
    expect((await fx.client.get<WireAccount>(`/v1/accounts/local-whatsapp_${wa!.loginID}`)).status).toBe('connecting');
  });
});

describe('remove a login', () => {
  it('removes a login and all its accounts with an allowed scope', async () => {
    const [slack] = await logins('slackgo');
    const res = await fx.strict.post<Record<string, unknown>>(`/v1/bridges/slackgo/logins/${slack!.loginID}/remove`, { body: { scope: 'all-devices' } });
    expect(res).toEqual({
      bridgeID: 'slackgo',
      loginID: slack!.loginID,
      scope: 'all-devices',
      status: 'removed',
      affectedAccountIDs: ['slackgo.T0ACME001-U0ALEX001', 'slackgo.T0ACMELAB-U0ALEX001'],
    });
    expect(await logins('slackgo')).toEqual([]);
    const accounts = (await fx.client.accounts.list()) as WireAccount[];
    expect(accounts.some((a) => a.bridge.id === 'slackgo')).toBe(false);
    expect((await fx.client.get<WireBridge>('/v1/bridges/slackgo')).accounts).toEqual([]);
  });

  it('refuses a scope the login does not allow, and a missing scope', async () => {
    const [wa] = await logins('local-whatsapp');
    const err = await rejectionOf(fx.strict.post(`/v1/bridges/local-whatsapp/logins/${wa!.loginID}/remove`, { body: { scope: 'all-devices' } }));
    expect(err.status).toBe(400);
    expect(err.error).toMatchObject({ code: 'INVALID_SCOPE', details: { allowed: ['current-device'] } });
    const missing = await rejectionOf(fx.strict.post(`/v1/bridges/local-whatsapp/logins/${wa!.loginID}/remove`, { body: {} }));
    expect(missing.status).toBe(422);
    expect(await logins('local-whatsapp')).toHaveLength(1);
  });

  it('cannot remove Beeper\'s own account', async () => {
    const [m] = await logins('matrix');
    const err = await rejectionOf(fx.strict.post(`/v1/bridges/matrix/logins/${m!.loginID}/remove`, { body: { scope: 'current-device' } }));
    expect(err.status).toBe(400);
  });

  it('leaves a bridge with no active accounts once its only login is removed', async () => {
    const [wa] = await logins('local-whatsapp');
    await fx.strict.post(`/v1/bridges/local-whatsapp/logins/${wa!.loginID}/remove`, { body: { scope: 'current-device' } });
    expect((await fx.client.get<WireBridge>('/v1/bridges/local-whatsapp')).activeAccountCount).toBe(0);
  });
});
