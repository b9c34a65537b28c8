/** main/core/accounts/model.ts: the accounts view built from bridges, accounts and logins, for every answer the SDK allows. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bridgeIDOf, buildAccountsView, emptyAccountsView, identityOf, type AccountsData } from '../../../../main/core/accounts/model.ts';
import { parseResponse } from '../../../../main/core/api/client.ts';
import { safeImageDataURL } from '../../../../main/core/api/images.ts';
import type { Account } from '../../../../main/core/api/schemas.ts';
import { AccountSchema, BridgeLoginSchema, BridgeSchema, lenientList } from '../../../../main/core/api/schemas.ts';
import { account, bridge, login } from '../../../support/api-models.ts';
import * as arbitrary from '../../../support/sdk-arbitraries.ts';

const meta = { lastRefreshedAt: null, refreshing: false, error: null };

describe('buildAccountsView', () => {
  it('nests accounts under their logins under their networks', () => {
    const data: AccountsData = {
      bridges: [bridge('slack', { status: 'available' })],
      accounts: [account('slack.A', 'slack', { loginID: 'L1' }), account('slack.B', 'slack', { loginID: 'L1' })],
      logins: { slack: [login('slack', 'L1', { accountIDs: ['slack.A', 'slack.B'], user: { id: 'x', fullName: 'Alex', username: 'alex' } })] },
    };
    const v = buildAccountsView(data, meta);
    expect(v.networks).toHaveLength(1);
    expect(v.networks[0]!.logins[0]).toMatchObject({ loginID: 'L1', identity: { name: 'Alex', detail: '@alex' }, accounts: [{ accountID: 'slack.A' }, { accountID: 'slack.B' }] });
    expect(v.networks[0]!.otherAccounts).toEqual([]);
    expect(v.needsAttention).toEqual([]);
  });

  it('lists needs_login and logged_out logins, and reconnect/connection-required accounts, once per login', () => {
    const data: AccountsData = {
      bridges: [bridge('tg'), bridge('wa')],
      accounts: [
        account('tg_1', 'tg', { loginID: 'T1', status: 'reconnect_required', statusText: 'Log in again' }),
        account('wa_1', 'wa', { loginID: 'W1', status: 'connection_required' }),
        account('wa_2', 'wa', { status: 'reconnect_required' }),
      ],
      logins: { tg: [login('tg', 'T1', { status: 'needs_login', statusText: 'Logged out of Telegram', accountIDs: ['tg_1'] })], wa: [login('wa', 'W1', { accountIDs: ['wa_1'] })] },
    };
    const v = buildAccountsView(data, meta);
    expect(v.needsAttention.map((a) => [a.bridgeID, a.loginID, a.accountID, a.status, a.message])).toEqual([
      ['tg', 'T1', 'tg_1', 'needs_login', 'Logged out of Telegram'],
      ['wa', 'W1', 'wa_1', 'connection_required', 'Not connected'],
      ['wa', null, 'wa_2', 'reconnect_required', 'Needs you to reconnect'],
    ]);
    expect(v.networks[1]!.otherAccounts.map((a) => a.accountID)).toEqual(['wa_2']);
  });

  it('a logged-out login needs attention as much as one that needs login, with its own words when the server gives none', () => {
    const data: AccountsData = {
      bridges: [bridge('sg'), bridge('ig')],
      accounts: [],
      logins: { sg: [login('sg', 'S1', { status: 'logged_out' })], ig: [login('ig', 'I1', { status: 'needs_login' }), login('ig', 'I2', { status: 'connected' }), login('ig', 'I3', { status: 'connecting' })] },
    };
    const v = buildAccountsView(data, meta);
    expect(v.needsAttention.map((a) => [a.bridgeID, a.loginID, a.status, a.message])).toEqual([
      ['sg', 'S1', 'logged_out', 'Logged out'],
      ['ig', 'I1', 'needs_login', 'Needs you to log in again'],
    ]);
    expect(v.networks.flatMap((n) => n.logins.map((l) => [l.loginID, l.needsAttention]))).toEqual([
      ['S1', true],
      ['I1', true],
      ['I2', false],
      ['I3', false],
    ]);
  });

  it('explains why a network cannot take a new account', () => {
    const v = buildAccountsView(
      {
        bridges: [
          bridge('a'),
          bridge('b', { status: 'limit_reached' }),
          bridge('c', { status: 'temporarily_unavailable', statusText: 'Back soon' }),
          bridge('d', { status: 'connected' }),
          bridge('e', { status: 'disabled' }),
        ],
        accounts: [],
        logins: {},
      },
      meta,
    );
    expect(v.networks.map((n) => [n.canAddAccount, n.unavailableReason])).toEqual([
      [true, null],
      [false, 'You have reached the account limit for this network.'],
      [false, 'Back soon'],
      [false, 'D is already connected. Only one account is supported.'],
      [false, 'E is turned off in Beeper.'],
    ]);
  });

  it('handles the older Account shape without status, and accounts of bridges not listed', () => {
    const v = buildAccountsView({ bridges: [], accounts: [account('matrix', 'matrix', { status: undefined, network: 'Beeper' })], logins: {} }, meta);
    expect(v.networks[0]).toMatchObject({ bridgeID: 'matrix', displayName: 'Beeper', status: 'unknown', otherAccounts: [{ status: null, needsAttention: false }] });
    // Beeper's own account: the one place that says it is not a chat network to add or reconnect.
    expect(v.networks[0]).toMatchObject({ isBeeper: true, canReconnect: false });
  });

  it('finds the network of an account sent without `bridge` (Desktop before 4.2.785)', () => {
    const bare = (accountID: string, network?: string): Account => ({ ...account(accountID, 'x', { network }), bridge: undefined });
    const listed = bare('wa-legacy');
    const v = buildAccountsView(
      {
        bridges: [bridge('local-whatsapp', { accounts: [account('wa-legacy', 'local-whatsapp')] }), bridge('local-telegram'), bridge('slackgo')],
        accounts: [listed, bare('local-telegram_ba_1'), bare('slackgo.T1-U1'), bare('imessage-1', 'iMessage')],
        logins: {},
      },
      { lastRefreshedAt: null, refreshing: false, error: null },
    );
    const where = Object.fromEntries(v.networks.map((n) => [n.bridgeID, n.otherAccounts.map((a) => a.accountID)]));
    expect(where).toMatchObject({ 'local-whatsapp': ['wa-legacy'], 'local-telegram': ['local-telegram_ba_1'], slackgo: ['slackgo.T1-U1'], 'network:iMessage': ['imessage-1'] });
    expect(v.networks.find((n) => n.bridgeID === 'network:iMessage')).toMatchObject({ displayName: 'iMessage', canAddAccount: false, canReconnect: false, isBeeper: false });
  });

  it('a bridge ID that names an Object.prototype member ("toString") with no logins fetched is just a bridge', () => {
    const v = buildAccountsView({ bridges: [bridge('toString'), bridge('constructor')], accounts: [], logins: {} }, { lastRefreshedAt: null, refreshing: false, error: null });
    expect(v.networks.map((n) => [n.bridgeID, n.logins.length])).toEqual([
      ['toString', 0],
      ['constructor', 0],
    ]);
  });

  it('lets only data: image URLs through as avatars', () => {
    expect(safeImageDataURL('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    for (const bad of ['https://example.com/a.png', 'mxc://beeper.com/abc', 'file:///etc/passwd', 'data:text/html;base64,PHNjcmlwdD4=', 'javascript:alert(1)']) {
      expect(safeImageDataURL(bad)).toBeNull();
    }
    expect(identityOf({ id: 'x', imgURL: 'https://e.com/a.png', email: 'a@b.c' }, 'fallback')).toEqual({ name: 'a@b.c', detail: null, avatarURL: null });
  });
});

const RUNS = { numRuns: 300 };

describe('accounts model', () => {
  it('never throws, and every account listed appears in the view', () => {
    fc.assert(
      fc.property(fc.array(arbitrary.bridge, { maxLength: 4 }), fc.array(arbitrary.account, { maxLength: 6 }), fc.array(arbitrary.login, { maxLength: 4 }), (rawBridges, rawAccounts, rawLogins) => {
        const bridges = parseResponse(lenientList(BridgeSchema, 'bridge'), rawBridges, 'bridges');
        const accounts = parseResponse(lenientList(AccountSchema, 'account'), rawAccounts, 'accounts');
        const logins = parseResponse(lenientList(BridgeLoginSchema, 'login'), rawLogins, 'logins');
        // As the refresher builds it: a plain object keyed by bridge ID.
        const byBridge: Record<string, typeof logins> = {};
        for (const l of logins) byBridge[l.bridgeID] = [...(Object.hasOwn(byBridge, l.bridgeID) ? byBridge[l.bridgeID]! : []), l];
        const view = buildAccountsView({ bridges, accounts, logins: byBridge }, { lastRefreshedAt: null, refreshing: false, error: null });
        const shown = new Set(view.networks.flatMap((n) => [...n.logins.flatMap((l) => l.accounts), ...n.otherAccounts].map((a) => a.accountID)));
        for (const a of accounts) expect(shown.has(a.accountID)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('buildAccountsView, whole views', () => {
  const legacy = (accountID: string, extra: Partial<Account> = {}): Account => ({ ...account(accountID, 'x'), bridge: undefined, ...extra });

  it('finds an account’s bridge without a `bridge` field: the bridge listing it, an ID prefix (`_` or `.`), the ID itself, else a group by network', () => {
    const bridges = [bridge('slackgo', { accounts: [legacy('T9')] }), bridge('local-whatsapp'), bridge('discordgo'), bridge('local')];
    expect(bridgeIDOf(legacy('T9'), bridges)).toBe('slackgo');
    expect(bridgeIDOf(legacy('local-whatsapp_ba_1'), bridges)).toBe('local-whatsapp');
    expect(bridgeIDOf(legacy('slackgo.T1'), bridges)).toBe('slackgo');
    expect(bridgeIDOf(legacy('discordgo'), bridges)).toBe('discordgo');
    expect(bridgeIDOf(legacy('localx_1'), bridges)).toBe('network:other');
    expect(bridgeIDOf(legacy('zz', { network: 'Zulip' }), bridges)).toBe('network:Zulip');
    expect(bridgeIDOf(account('a', 'named'), bridges)).toBe('named');
  });

  it('accounts of bridges the server does not list form a network of their own that nothing can be started on', () => {
    const v = buildAccountsView({ bridges: [], accounts: [legacy('zz', { network: 'Zulip', status: 'reconnect_required' }), account('q_1', 'q', { network: undefined })], logins: {} }, meta);
    expect(v.networks.map((n) => [n.bridgeID, n.displayName, n.network, n.provider, n.type, n.status, n.supportsMultipleAccounts, n.canAddAccount, n.canReconnect, n.unavailableReason])).toEqual([
      ['network:Zulip', 'Zulip', 'Zulip', 'unknown', 'unknown', 'unknown', false, false, false, 'Zulip cannot be connected right now.'],
      ['q', 'Other accounts', 'Other accounts', 'local', 'q', 'unknown', false, false, true, 'Other accounts cannot be connected right now.'],
    ]);
    expect(v.networks[0]!.otherAccounts).toEqual([{ accountID: 'zz', network: 'Zulip', status: 'reconnect_required', statusText: null, identity: { name: 'Alex Rivera', detail: '+1555', avatarURL: null }, label: 'Alex Rivera', needsAttention: true, reconnect: 'none' }]);
    expect(v.needsAttention).toEqual([{ bridgeID: 'network:Zulip', bridgeName: 'Zulip', loginID: null, accountID: 'zz', identity: { name: 'Alex Rivera', detail: '+1555', avatarURL: null }, status: 'reconnect_required', message: 'Needs you to reconnect' }]);
  });

  it('a bridge’s own list adds accounts /v1/accounts left out, once; a login claims its accounts by ID or by loginID', () => {
    const data: AccountsData = {
      bridges: [bridge('s', { network: 'Slack', accounts: [account('s_1', 's'), account('s_3', 's')] })],
      accounts: [account('s_1', 's', { network: 'Slack (Acme)' }), account('s_2', 's', { loginID: 'L', status: undefined, statusText: 'Fine' })],
      logins: { s: [login('s', 'L', { accountIDs: ['s_1'] })] },
    };
    const v = buildAccountsView(data, meta);
    const n = v.networks[0]!;
    expect(n.logins[0]!.accounts.map((a) => [a.accountID, a.network, a.status, a.statusText])).toEqual([
      ['s_1', 'Slack (Acme)', 'connected', null],
      ['s_2', 'Slack', null, 'Fine'],
    ]);
    expect(n.otherAccounts.map((a) => [a.accountID, a.network])).toEqual([['s_3', 'Slack']]);
    // An account is told apart by its own network when it has one, else by its name.
    expect(n.logins[0]!.accounts.map((a) => [a.accountID, a.label])).toEqual([['s_1', 'Slack (Acme)'], ['s_2', 'Alex Rivera']]);
    expect(n.logins[0]).toMatchObject({ loginID: 'L', status: 'connected', statusText: null, needsAttention: false, identity: { name: 'Alex Rivera' } });
  });

  it('a login whose account needs attention: the account’s status and words; without words, the app’s; a login of no known account is named by its ID', () => {
    const data: AccountsData = {
      bridges: [bridge('t')],
      accounts: [account('t_1', 't', { loginID: 'A', status: 'reconnect_required', statusText: 'Session revoked' }), account('t_2', 't', { loginID: 'B', status: 'connection_required' })],
      logins: { t: [login('t', 'A'), login('t', 'B'), login('t', 'C', { status: 'needs_login' })] },
    };
    const v = buildAccountsView(data, meta);
    expect(v.needsAttention.map((a) => [a.loginID, a.accountID, a.status, a.message, a.identity.name])).toEqual([
      ['A', 't_1', 'reconnect_required', 'Session revoked', 'Alex Rivera'],
      ['B', 't_2', 'connection_required', 'Not connected', 'Alex Rivera'],
      ['C', null, 'needs_login', 'Needs you to log in again', 'C'],
    ]);
    expect(v.networks[0]!.logins.map((l) => l.needsAttention)).toEqual([true, true, true]);
  });

  it('decides what reconnecting offers: needed where a login or account is down, "log in again" where it works, nothing on Beeper itself or an unknown bridge', () => {
    const data: AccountsData = {
      bridges: [bridge('matrix', { displayName: 'Beeper' }), bridge('t')],
      accounts: [account('t_1', 't', { loginID: 'A', status: 'reconnect_required' }), account('t_2', 't', { loginID: 'B' }), account('t_3', 't'), legacy('zz', { network: 'Zulip' })],
      logins: { matrix: [login('matrix', 'me')], t: [login('t', 'A'), login('t', 'B'), login('t', 'C', { status: 'logged_out' })] },
    };
    const v = buildAccountsView(data, meta);
    const offers = v.networks.map((n) => [n.bridgeID, n.logins.map((l) => [l.loginID, l.reconnect, l.accounts.map((a) => a.reconnect)]), n.otherAccounts.map((a) => [a.accountID, a.reconnect])]);
    expect(offers).toEqual([
      ['matrix', [['me', 'none', []]], []],
      ['t', [['A', 'needed', ['needed']], ['B', 'offered', ['offered']], ['C', 'needed', []]], [['t_3', 'offered']]],
      ['network:Zulip', [], [['zz', 'none']]],
    ]);
  });

  it('says why each kind of network cannot take a new account, in the server’s words when it gives some', () => {
    const reasons = (statusText?: string) =>
      buildAccountsView({ bridges: ['connected', 'limit_reached', 'temporarily_unavailable', 'disabled', 'unknown'].map((status) => bridge(status, { displayName: 'Net', status: status as never, ...(statusText ? { statusText } : {}) })), accounts: [], logins: {} }, meta).networks.map((n) => n.unavailableReason);
    expect(reasons()).toEqual([
      'Net is already connected. Only one account is supported.',
      'You have reached the account limit for this network.',
      'Net is temporarily unavailable. Try again later.',
      'Net is turned off in Beeper.',
      'Net cannot be connected right now.',
    ]);
    expect(reasons('Ask your admin.')).toEqual(Array(5).fill('Ask your admin.'));
  });

  it('says what the user can do about a network that cannot take a new account, where there is something; nothing for one that can', () => {
    const fixes = buildAccountsView({ bridges: ['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled', 'unknown'].map((status) => bridge(status, { status: status as never })), accounts: [], logins: {} }, meta).networks.map((n) => n.unavailableFix);
    expect(fixes).toEqual([
      null,
      'To connect a different account, remove the connected one first.',
      'Remove an account you no longer use, or change your Beeper plan.',
      'Try again in a while.',
      'Turn it on in Beeper Desktop’s settings, then refresh.',
      null,
    ]);
  });

  it('an identity: name, then a detail that is not the name; a username gets one @', () => {
    expect(identityOf(undefined, 'L1')).toEqual({ name: 'L1', detail: null, avatarURL: null });
    expect(identityOf({ id: 'u', username: '@alex' }, 'x')).toEqual({ name: '@alex', detail: null, avatarURL: null });
    expect(identityOf({ id: 'u', fullName: 'Alex', username: 'alex' }, 'x')).toEqual({ name: 'Alex', detail: '@alex', avatarURL: null });
    expect(identityOf({ id: 'u', email: 'a@b.c' }, 'x')).toEqual({ name: 'a@b.c', detail: null, avatarURL: null });
  });

  it('the empty view', () => {
    expect(emptyAccountsView()).toEqual({ networks: [], needsAttention: [], hasChatAccounts: false, lastRefreshedAt: null, refreshing: false, error: null });
  });

  it('decides what the window lists: networks with a login or an account, accounts worth naming under a login, and whether any chat account exists', () => {
    const data: AccountsData = {
      bridges: [bridge('matrix', { displayName: 'Beeper' }), bridge('slack', { displayName: 'Slack' }), bridge('wa', { displayName: 'WhatsApp', network: 'WhatsApp' }), bridge('tg', { displayName: 'Telegram' })],
      accounts: [
        account('slack.A', 'slack', { loginID: 'S', network: 'Slack' }),
        account('slack.B', 'slack', { loginID: 'S', network: 'Slack' }),
        account('wa_1', 'wa', { loginID: 'W', network: 'WhatsApp' }),
        account('tg_1', 'tg', { network: 'Telegram' }),
      ],
      logins: { matrix: [login('matrix', 'me')], slack: [login('slack', 'S', { accountIDs: ['slack.A', 'slack.B'] })], wa: [login('wa', 'W', { accountIDs: ['wa_1'] })] },
    };
    const v = buildAccountsView(data, meta);
    const net = (id: string) => v.networks.find((n) => n.bridgeID === id)!;
    expect(v.networks.map((n) => [n.bridgeID, n.listed])).toEqual([['matrix', true], ['slack', true], ['wa', true], ['tg', true]]);
    expect(net('slack').logins[0]!.listsAccounts).toBe(true); // two accounts
    expect(net('wa').logins[0]!.listsAccounts).toBe(false); // one, on the bridge's own network
    expect(v.hasChatAccounts).toBe(true);

    const onlyBeeper = buildAccountsView({ ...data, accounts: [], logins: { matrix: [login('matrix', 'me')] } }, meta);
    expect(onlyBeeper.networks.map((n) => [n.bridgeID, n.listed])).toEqual([['matrix', true], ['slack', false], ['wa', false], ['tg', false]]);
    expect(onlyBeeper.hasChatAccounts).toBe(false);

    // One account on another network than the bridge's (a bridge serving several networks) is named.
    const other = buildAccountsView({ bridges: [bridge('meta', { displayName: 'Meta' })], accounts: [account('meta_1', 'meta', { loginID: 'M', network: 'Instagram' })], logins: { meta: [login('meta', 'M', { accountIDs: ['meta_1'] })] } }, meta);
    expect(other.networks[0]!.logins[0]!.listsAccounts).toBe(true);
    const same = buildAccountsView({ bridges: [bridge('meta', { displayName: 'Meta', network: 'Instagram' })], accounts: [account('meta_1', 'meta', { loginID: 'M', network: 'Instagram' })], logins: { meta: [login('meta', 'M', { accountIDs: ['meta_1'] })] } }, meta);
    expect(same.networks[0]!.logins[0]!.listsAccounts).toBe(false);
  });
});
