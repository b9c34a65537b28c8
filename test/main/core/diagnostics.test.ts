/**
 * main/core/diagnostics.ts: the report holds what support needs, and none of the person's secrets,
 * wherever they could come from (accounts, steps, errors, log lines).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosticsReport, scrub, type DiagnosticsSources } from '../../../main/core/diagnostics.ts';
import { createHmac } from 'node:crypto';
import { Logger, memorySink, type LogEntry } from '../../../main/core/log.ts';
import type { AccountView, ConnectionView } from '../../../preload/contract/views.ts';
import type { Account } from '../../../main/core/api/schemas.ts';
import { account as rawAccount, bridge as rawBridge, login as rawLogin } from '../../support/api-models.ts';
import { accounts, identity, login, network, session } from '../../support/views.ts';

const connection: ConnectionView = { status: 'running', baseURL: 'http://127.0.0.1:23373', tried: [], configuredURL: null, desktopVersion: '4.2.812', appState: 'ready', error: null, checkedAt: null };

interface Secrets {
  name: string;
  phone: string;
  email: string;
  username: string;
  token: string;
  cookie: string;
  typed: string;
  loginID: string;
}

/** Everything a report is built from, with the person's secrets in every place they could be. */
function sources(x: Secrets): DiagnosticsSources {
  const mem = memorySink();
  const log = new Logger({ sinks: [mem.sink] });
  log.secrets.add(x.token);
  log.info('signed in', { access_token: x.token });
  log.info(`Authorization: Bearer ${x.token}`);
  log.info('step submitted', { fields: { phone_number: x.phone, code: x.typed }, values: { password: x.typed } });
  log.info('cookies captured', { cookies: { d: x.cookie } });
  log.warn('refresh failed', { error: { kind: 'network', code: 'GATEWAY_TIMEOUT', message: `Could not reach ${x.name} (${x.phone}, ${x.email})` } });
  log.info(`reconnecting ${x.loginID} for @${x.username}`);
  const who = identity(x.name, x.phone);
  const acc: AccountView = { accountID: `local-whatsapp_${x.loginID}`, network: 'WhatsApp', status: 'connected', statusText: `Linked to ${x.phone}`, identity: who, label: x.name, needsAttention: false, reconnect: 'offered' };
  const view = accounts([network({ bridgeID: 'local-whatsapp', displayName: 'WhatsApp', logins: [login({ bridgeID: 'local-whatsapp', loginID: x.loginID, identity: who, accounts: [acc] })] })], {
    needsAttention: [{ bridgeID: 'local-whatsapp', bridgeName: 'WhatsApp', loginID: x.loginID, accountID: null, identity: identity(x.name, `@${x.username}`), status: 'needs_login', message: `${x.name} was logged out` }],
  });
  const step = { type: 'user_input' as const, stepID: 'fi.mau.telegram.login.code', instructions: `We sent a code to ${x.phone} and ${x.email}`, fields: [{ id: 'phone', label: 'Phone', placeholder: null, initialValue: x.phone, optional: false, kind: 'phone' as const, pattern: null, options: [] }], attachments: [], retry: false };
  return {
    appVersion: '1.2.3',
    runtime: { os: 'linux 6.1 x64', node: '22.18.0', electron: '45.0.0', chrome: '140.0.0.0' },
    connection: { ...connection, error: { kind: 'network', message: `No answer for ${x.email}`, code: 'ECONNREFUSED' } },
    accounts: view,
    raw: {
      bridges: [rawBridge('local-whatsapp')],
      accounts: [rawAccount(acc.accountID, 'local-whatsapp', { user: { id: x.username, fullName: x.name, phoneNumber: x.phone, email: x.email, username: x.username } })],
      logins: { 'local-whatsapp': [rawLogin('local-whatsapp', x.loginID, { user: { id: x.username, fullName: x.name, username: x.username } })] },
    },
    sessions: [session(step, { id: 's1', bridgeID: 'local-telegram', reconnect: { loginID: x.loginID, accountID: null, identity: who }, stepError: { kind: 'invalid_request', message: `${x.typed} is not right` }, error: null })],
    log: mem.entries,
    secrets: log.secrets,
    salt: 'test-salt',
    now: '2026-11-30T09:00:00.000Z',
  };
}

const example: Secrets = { name: 'Alex Rivera', phone: '+1 555 010 0101', email: 'alex@example.com', username: 'alexr', token: 'bam_tok_9f8e7d6c5b4a', cookie: 'xoxd-SECRETCOOKIE', typed: 'correct horse', loginID: '15550100101' };

describe('diagnosticsReport, exactly', () => {
  const entries: LogEntry[] = [
    { time: '2026-11-30T08:58:00.000Z', level: 'info', scope: 'app', message: 'starting' },
    { time: '2026-11-30T08:59:00.000Z', level: 'warn', scope: 'app:accounts', message: 'refresh failed', data: { error: { kind: 'network', code: 'GATEWAY_TIMEOUT' } } },
    { time: '2026-11-30T08:59:30.000Z', level: 'error', scope: 'app', message: 'no code here', data: { error: 'plain' } },
  ];
  const base = (): DiagnosticsSources => ({
    appVersion: '1.0.0',
    runtime: { os: 'darwin 24.1 arm64', node: '22.1.0', electron: null, chrome: null },
    connection: { status: 'not-running', baseURL: 'http://beeper.example:23373', tried: [], configuredURL: 'http://beeper.example:23373', desktopVersion: null, appState: null, error: { kind: 'not_running', message: 'x' }, checkedAt: null },
    accounts: accounts(
      [
        network({
          bridgeID: 'wa',
          displayName: 'WhatsApp',
          type: 'whatsapp',
          logins: [login({ bridgeID: 'wa', loginID: 'L1', status: 'needs_login', needsAttention: true, accounts: [{ accountID: 'A1', network: 'WhatsApp', status: null, statusText: null, identity: identity('X'), label: 'X', needsAttention: false, reconnect: 'needed' }] })],
          otherAccounts: [{ accountID: 'O1', network: 'WhatsApp', status: 'connected', statusText: null, identity: identity('Y'), label: 'Y', needsAttention: false, reconnect: 'offered' }],
        }),
        network({ bridgeID: 'dc', displayName: 'Discord', type: 'discordgo', status: 'limit_reached', canAddAccount: false }),
      ],
      { lastRefreshedAt: '2026-11-30T08:59:00.000Z', error: { kind: 'network', message: 'm' } },
    ),
    raw: { bridges: [rawBridge('wa')], accounts: [rawAccount('A1', 'wa')], logins: { wa: [rawLogin('wa', 'L1')] } },
    sessions: [
      session(null, { bridgeID: 'tg', phase: 'starting' }),
      session({ type: 'display_and_wait', stepID: 'qr1', instructions: null, display: { kind: 'qr', data: 'x' }, revision: 1 }, { bridgeID: 'wa', reconnect: { loginID: 'L1', accountID: null, identity: null }, error: { kind: 'x', message: 'y', code: 'C1' } }),
    ],
    log: entries,
    secrets: new Logger().secrets,
    salt: 's',
    now: '2026-11-30T09:00:00.000Z',
  });

  it('every section, line by line', () => {
    const hash = (id: string) => `#${createHmac('sha256', 's').update(id).digest('hex').slice(0, 10)}`;
    expect(diagnosticsReport(base())).toBe(
      [
        'Beeper Account Manager — diagnostics',
        'Created: 2026-11-30T09:00:00.000Z',
        'App: 1.0.0 · darwin 24.1 arm64 · Node 22.1.0 · Electron none (browser preview) · Chromium n/a',
        'Beeper Desktop: not-running · version unknown · app state unknown · address local: no · configured address: yes · last error not_running',
        '',
        'Fields the server sends:',
        '  bridges (1): accounts 1, activeAccountCount 1, displayName 1, id 1, provider 1, status 1, supportsMultipleAccounts 1, type 1',
        '  accounts (1): accountID 1, bridge 1, status 1, user 1',
        '  logins (1): bridgeID 1, loginID 1, removeScopes 1, status 1',
        '',
        'Bridges:',
        '  wa (whatsapp, cloud): available',
        '  dc (discordgo, cloud): limit_reached · cannot add',
        '',
        'Accounts (last refresh 2026-11-30T08:59:00.000Z, failing: network):',
        `  wa login ${hash('L1')}: needs_login (needs attention)`,
        `    account ${hash('A1')}: no status`,
        `  wa account ${hash('O1')} (no login listed): connected`,
        '',
        'Logins in progress:',
        '  tg new: starting',
        '  wa reconnect: display_and_wait · display_and_wait qr1 · x C1',
        '',
        'Recent warnings and errors:',
        '  2026-11-30T08:59:00.000Z warn app:accounts: refresh failed (network) (GATEWAY_TIMEOUT)',
        '  2026-11-30T08:59:30.000Z error app: no code here',
        '',
        'Log (last 300 lines):',
        ...entries.map((e) => `  ${JSON.stringify(e)}`),
        '',
      ].join('\n'),
    );
  });

  it('nothing yet: says none; an address that is local, unknown, or not one; the last 300 log lines only', () => {
    const many: LogEntry[] = Array.from({ length: 305 }, (_, i) => ({ time: `t${i}`, level: 'info', scope: 'app', message: `line ${i}` }));
    const r = diagnosticsReport({ ...base(), raw: null, accounts: accounts([]), sessions: [], log: many, connection: { ...base().connection, baseURL: 'http://127.0.0.1:23373', configuredURL: null, error: null, status: 'running', desktopVersion: '4.2.1', appState: 'ready' } });
    expect(r).toContain('Beeper Desktop: running · version 4.2.1 · app state ready · address local: yes · configured address: no\n');
    expect(r).toContain('  bridges: none\n  accounts: none\n  logins: none\n');
    expect(r).toContain('Accounts (last refresh 2026-11-29T09:00:00.000Z):\n  none\n');
    expect(r).toContain('Logins in progress:\n  none\n');
    expect(r).toContain('Recent warnings and errors:\n  none\n');
    expect(r).not.toContain('line 4"');
    expect(r).toContain('line 5"');
    expect(r.match(/"line \d+"/g)).toHaveLength(300);
    expect(diagnosticsReport({ ...base(), connection: { ...base().connection, baseURL: null } })).toContain('address local: unknown');
    expect(diagnosticsReport({ ...base(), connection: { ...base().connection, baseURL: 'not a url' } })).toContain('address local: unknown');
    expect(diagnosticsReport({ ...base(), runtime: { os: 'linux', node: '22', electron: '45.0.0', chrome: '140.0' } })).toContain('App: 1.0.0 · linux · Node 22 · Electron 45.0.0 · Chromium 140.0');
  });

  /** An account as an older server sends it: no status, no user. */
  const bare = (): Account => {
    const { user: _user, ...rest } = rawAccount('A', 'wa');
    return { ...rest, status: null } as unknown as Account;
  };

  it('errors: the last 30, each with the kind and code it carries, whatever shape its data has; fields with no value are not counted', () => {
    const log: LogEntry[] = [
      ...Array.from({ length: 32 }, (_, i): LogEntry => ({ time: `w${i}`, level: 'warn', scope: 'a', message: `warning ${i}` })),
      { time: 'x1', level: 'error', scope: 'a', message: 'text data', data: 'just text' },
      { time: 'x2', level: 'error', scope: 'a', message: 'error text', data: { error: 'just text' } },
      { time: 'x3', level: 'error', scope: 'a', message: 'kind only', data: { error: { kind: 'network' } } },
      { time: 'x4', level: 'error', scope: 'a', message: 'code only', data: { error: { code: 'C9', kind: 7 } } },
      { time: 'x5', level: 'info', scope: 'a', message: 'not an error' },
    ];
    const r = diagnosticsReport({ ...base(), log, raw: { bridges: [], accounts: [bare()], logins: {} } });
    const listed = r.split('Recent warnings and errors:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(listed).toHaveLength(30);
    expect(listed[0]).toBe('  w6 warn a: warning 6');
    expect(listed.slice(-4)).toEqual(['  x1 error a: text data', '  x2 error a: error text', '  x3 error a: kind only (network)', '  x4 error a: code only (C9)']);
    expect(r).toContain('  accounts (1): accountID 1, bridge 1\n');
    const unsupported = session({ type: 'unsupported', stepID: null, instructions: null, rawType: 'webauthn' }, { bridgeID: 'bs' });
    expect(diagnosticsReport({ ...base(), sessions: [unsupported] })).toContain('  bs new: unsupported · unsupported\n');
  });
});

describe('scrub, layer by layer', () => {
  const hash = (id: string) => `<${id.length}>`;
  const acc = (accountID: string, name: string): AccountView => ({ accountID, network: 'N', status: 'connected', statusText: null, identity: identity(name), label: name, needsAttention: false, reconnect: 'offered' });
  const src = (extra: Partial<DiagnosticsSources> = {}): DiagnosticsSources => ({
    appVersion: '1',
    runtime: { os: 'x', node: '1', electron: null, chrome: null },
    connection,
    accounts: accounts([network({ bridgeID: 'b', displayName: 'B', logins: [login({ bridgeID: 'b', loginID: 'login-in-view', identity: identity('Alex Rivera', 'alexr-detail'), accounts: [acc('account-in-login', 'Sam Subaccount')] })], otherAccounts: [acc('account-alone', 'Olga Orphan')] })], {
      needsAttention: [{ bridgeID: 'b', bridgeName: 'B', loginID: null, accountID: null, identity: identity('Attie Attention'), status: 'needs_login', message: 'm' }],
    }),
    raw: { bridges: [], accounts: [rawAccount('account-raw', 'b', { user: { id: 'u1', fullName: 'Rawly Raw', username: 'rawname', phoneNumber: '+12015550177', email: 'raw@example.com' } })], logins: { b: [rawLogin('b', 'login-raw', { accountIDs: ['acct-of-raw-login'], user: { id: 'u2', fullName: 'Loginda Login' } })] } },
    sessions: [
      session(null, { reconnect: { loginID: 'reconnect-login', accountID: 'reconnect-account', identity: identity('Rena Reconnect') }, result: { loginID: 'result-login', accountIDs: ['result-account'], identity: identity('Resa Result'), network: 'N', restored: false } }),
    ],
    log: [],
    secrets: new Logger().secrets,
    salt: 's',
    now: 'now',
    ...extra,
  });

  it('every login and account ID the app knows, wherever it came from, becomes its hash', () => {
    const ids = ['login-in-view', 'account-in-login', 'account-alone', 'account-raw', 'login-raw', 'acct-of-raw-login', 'reconnect-login', 'reconnect-account', 'result-login', 'result-account'];
    expect(scrub(ids.join(' | '), src(), hash)).toBe(ids.map((i) => `<${i.length}>`).join(' | '));
  });

  it('every name, detail, username, number and email the app knows is taken out whole, the longest first', () => {
    const people = ['Alex Rivera', 'alexr-detail', 'Sam Subaccount', 'Olga Orphan', 'Attie Attention', 'Rawly Raw', 'rawname', 'Loginda Login', 'Rena Reconnect', 'Resa Result'];
    expect(scrub(people.join(' | '), src(), hash)).toBe(people.map(() => '[personal]').join(' | '));
    // "Alex" alone is not known; within "Alex Rivera" it goes with the rest.
    expect(scrub('Alex; Alex Rivera', src(), hash)).toBe('Alex; [personal]');
    // Two letters would take out ordinary words: kept.
    const short = src({ accounts: accounts([network({ bridgeID: 'b', displayName: 'B', logins: [login({ bridgeID: 'b', loginID: 'L', identity: identity('Al') })] })]) });
    expect(scrub('Al said', short, hash)).toBe('Al said');
  });

  it('emails, Matrix IDs and phone numbers by their shape; dates, times, versions and words with digits stay', () => {
    const s = src({ accounts: accounts([]), raw: null, sessions: [] });
    expect(scrub('mail a.b+c@x-y.example.com now', s, hash)).toBe('mail [email] now');
    expect(scrub('user @alex:beeper.com here', s, hash)).toBe('user [user] here');
    expect(scrub('call +1 (201) 555-0123 or 2015550123 or 1234567', s, hash)).toBe('call [number] or [number] or [number]');
    const kept = '2026-11-30T09:00:00.123Z version 4.2.812 abc1234567 1234567x 123456 /v1/12345678/x';
    expect(scrub(kept, s, hash)).toBe(kept);
  });

  it('the registered secrets (the token) first', () => {
    const secrets = new Logger().secrets;
    secrets.add('tok_abcdefgh1234');
    expect(scrub('Bearer tok_abcdefgh1234 and tok_abcdefgh1234', src({ secrets }), hash)).toBe('Bearer [redacted] and [redacted]');
  });
});

describe('diagnosticsReport', () => {
  it('holds what support needs: versions, whether the address is local, fields sent, bridges, statuses by hashed ID, logins in progress, errors with codes, log lines', () => {
    const report = diagnosticsReport(sources(example));
    expect(report).toContain('App: 1.2.3 · linux 6.1 x64 · Node 22.18.0 · Electron 45.0.0 · Chromium 140.0.0.0');
    expect(report).toContain('Beeper Desktop: running · version 4.2.812 · app state ready · address local: yes · configured address: no · last error network ECONNREFUSED');
    expect(report).toMatch(/accounts \(1\): .*accountID 1.*user 1/);
    expect(report).toContain('  local-whatsapp (local-whatsapp, cloud): available');
    expect(report).toMatch(/ {2}local-whatsapp login #[0-9a-f]{10}: connected\n {4}account #[0-9a-f]{10}: connected/);
    expect(report).toContain('  local-telegram reconnect: user_input · user_input fi.mau.telegram.login.code');
    expect(report).toMatch(/warn accounts?.*refresh failed \(network\) \(GATEWAY_TIMEOUT\)|refresh failed \(network\) \(GATEWAY_TIMEOUT\)/);
    expect(report).toContain('Log (last 300 lines):');
    // The same ID hashes the same everywhere in the report.
    const hashes = report.match(/login #[0-9a-f]{10}/g)!;
    expect(new Set(hashes).size).toBe(1);
  });

  it('none of the person’s secrets, in any place they could come from', () => {
    const report = diagnosticsReport(sources(example));
    for (const secret of Object.values(example)) expect(report).not.toContain(secret);
    expect(report).not.toContain('5550100101');
    expect(report).not.toContain('@alexr');
  });

  it('random names, numbers, emails, usernames, tokens, cookies and typed values never reach it', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);
    const secrets = fc.record({
      name: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
      phone: fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 2_000_000, max: 999_999_999 })).map(([cc, n]) => `+${cc} ${String(n).replace(/(\d{3})(?=\d)/g, '$1 ')}`),
      email: fc.tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[a-z]{3,8}$/)).map(([u, d]) => `${u}.x@${d}.example`),
      username: fc.stringMatching(/^[a-z][a-z0-9_]{4,11}$/).map((u) => `u_${u}`),
      token: fc.stringMatching(/^[A-Za-z0-9]{24,40}$/),
      cookie: fc.stringMatching(/^[A-Za-z0-9%]{16,40}$/),
      typed: fc.stringMatching(/^[A-Za-z0-9 ]{8,20}$/).filter((t) => t.trim().length >= 8),
      loginID: fc.stringMatching(/^[0-9]{10,15}$/),
    });
    fc.assert(
      fc.property(secrets, (x) => {
        const report = diagnosticsReport(sources(x));
        for (const [kind, secret] of Object.entries(x)) expect(report, kind).not.toContain(secret);
        expect(report).not.toContain(x.phone.replace(/\D/g, ''));
      }),
      { numRuns: 150 },
    );
  });
});
