/** The IPC registry refuses bad requests, and no token or typed secret ever leaves main. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVOKE } from '../../../../preload/contract/channels.ts';
import { invokeSchemas } from '../../../../preload/contract/schemas.ts';
import type { SessionView } from '../../../../preload/contract/views.ts';
import { until, useCore } from '../../../support/core.ts';

const fx = useCore({ simConfig: { oauthAutoApprove: true, timeScale: 0.01, qrRotationMs: 60_000 } });

describe('IPC contract', () => {
  it('has a schema and a core handler for every channel (except the shell\'s: the capture window, opening Beeper Desktop)', () => {
    const channels = Object.values(INVOKE);
    const shells: readonly string[] = ['sessions.openCaptureWindow', 'connection.openBeeperDesktop', 'help.saveDiagnostics', 'help.openLogs'];
    expect(Object.keys(invokeSchemas).sort()).toEqual([...channels].sort());
    expect(fx.t.registry.channels().sort()).toEqual(channels.filter((c) => !shells.includes(c)).sort());
  });

  it('refuses requests from an untrusted sender before doing anything', async () => {
    const env = await fx.t.registry.invoke('auth.signOut', undefined, { transport: 'websocket', id: 'intruder', url: 'http://evil.example' });
    expect(env).toEqual({ ok: false, error: { kind: 'invalid_request', message: expect.any(String), code: 'UNTRUSTED_SENDER' } });
    expect(fx.t.logs.some((l) => l.message.includes('untrusted sender'))).toBe(true);
  });

  it('refuses unknown channels and malformed payloads with a clear error', async () => {
    const cases: Array<[string, unknown]> = [
      ['app.deleteEverything', undefined],
      ['sessions.start', undefined],
      ['sessions.start', { bridgeID: '' }],
      ['sessions.start', { bridgeID: 'local-whatsapp', evil: true }],
      ['sessions.submitInput', { sessionID: 'x', fields: { a: 42 } }],
      ['logins.remove', { bridgeID: 'b', loginID: 'l', scope: 'everywhere' }],
      ['connection.setAddress', { baseURL: 'file:///etc/passwd' }],
      ['auth.useToken', { token: 'x'.repeat(5000) }],
      ['settings.update', { allowPlaintextToken: true }], // consent has its own explicit channel
      ['app.getState', { unexpected: 1 }],
    ];
    for (const [channel, payload] of cases) {
      const env = await fx.t.registry.invoke(channel, payload, fx.t.sender);
      expect(env.ok, `${channel} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
      if (!env.ok) expect(env.error.kind).toBe('invalid_request');
    }
  });

  it('answers a failing handler with its AppError as data', async () => {
    const env = await fx.t.registry.invoke('sessions.cancel', { sessionID: 'ses_nope' }, fx.t.sender);
    expect(env).toEqual({ ok: false, error: { kind: 'not_found', message: 'That login attempt is no longer open.' } });
  });
});

describe('secrets never leave main', () => {
  it('no event, IPC answer, log line, error or settings file contains the token or what the user typed', async () => {
    const answers: unknown[] = [];
    const invoke = async <T>(channel: string, payload?: unknown): Promise<T> => {
      const env = await fx.t.registry.invoke(channel, payload, fx.t.sender);
      answers.push(env);
      if (!env.ok) throw Object.assign(new Error(env.error.message), env.error);
      return env.value as T;
    };
    const PASSWORD = 'correct horse';
    const COOKIE = 'xoxd-cookie-secret-1234567890';
    const SLACK_TOKEN = 'xoxc-T0GLOBEX2-U0SECRET1-tokensecretvalue';

    await invoke('auth.signIn');
    await until(() => fx.t.core.snapshot().accounts.lastRefreshedAt, 'refresh');
    // A full Telegram login with a password, a Slack login with a cookie and token, failures along the way.
    const s0 = await invoke<SessionView>('sessions.start', { bridgeID: 'local-telegram' });
    const s1 = await invoke<SessionView>('sessions.submitInput', { sessionID: s0.id, fields: { 'fi.mau.telegram.login.phone_number': '+15550004321' } });
    const s2 = await invoke<SessionView>('sessions.submitInput', { sessionID: s1.id, fields: { 'fi.mau.telegram.login.code': '12345' } });
    await invoke<SessionView>('sessions.submitInput', { sessionID: s2.id, fields: { 'fi.mau.telegram.login.password': 'wrong password!' } });
    await invoke<SessionView>('sessions.submitInput', { sessionID: s2.id, fields: { 'fi.mau.telegram.login.password': PASSWORD } });
    const slack = await invoke<SessionView>('sessions.start', { bridgeID: 'slackgo' });
    await invoke('sessions.submitCookies', { sessionID: slack.id, fields: { auth_token: 'not-a-token', cookie_token: COOKIE } });
    await invoke('sessions.submitCookies', { sessionID: slack.id, fields: { auth_token: SLACK_TOKEN, cookie_token: COOKIE } });
    await invoke('accounts.refresh');
    for (const tok of fx.sim.core.state.tokens.values()) tok.revoked = true;
    await invoke('accounts.refresh').catch(() => undefined); // 401: dropped, with a reason
    await invoke('auth.useToken', { token: fx.sim.mintToken() });
    await invoke('app.getState');

    const tokens = [...fx.sim.core.state.tokens.values()].map((x) => x.token);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const secrets = [...tokens, PASSWORD, COOKIE, SLACK_TOKEN, 'wrong password!'];
    const haystacks: Array<[string, string]> = [
      ['events', JSON.stringify(fx.t.events)],
      ['IPC answers', JSON.stringify(answers)],
      ['logs', JSON.stringify(fx.t.logs)],
      ...readdirSync(fx.t.dir).map((f): [string, string] => [f, readFileSync(path.join(fx.t.dir, f), 'utf8')]),
    ];
    expect(fx.t.events.length).toBeGreaterThan(10);
    expect(fx.t.logs.length).toBeGreaterThan(5);
    for (const [where, text] of haystacks) {
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    }
  });
});
