/**
 * Property tests: any answer the SDK's types allow, with random `null`s, unknown fields and enum
 * values newer than this app, never throws out of the response schemas, the accounts model or the
 * session engine; a session always ends in progress, in a clear error, or cancelled — and never
 * stays running on the server once the app has let go of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAccountsView } from '../../main/core/accounts/model.ts';
import { parseResponse, type BeeperApi } from '../../main/core/api/client.ts';
import { AccountSchema, BridgeLoginSchema, BridgeSchema, lenientList, LoginSessionSchema, withoutNulls } from '../../main/core/api/schemas.ts';
import { AppError } from '../../main/core/errors.ts';
import { Logger } from '../../main/core/log.ts';
import { SessionEngine } from '../../main/core/sessions/engine.ts';
import { SessionViewSchema } from '../../preload/contract/views.ts';
import { account, bridge, garbage, login, loginSession } from '../support/sdk-arbitraries.ts';

const RUNS = { numRuns: 300 };

describe('response schemas', () => {
  it('keep every item the SDK allows, skip only the malformed ones, and never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: account }, { weight: 1, arbitrary: garbage }), { maxLength: 8 }), (items) => {
        const valid = items.filter((i) => AccountSchema.safeParse(withoutNulls(i)).success);
        const skipped: string[][] = [];
        const parsed = parseResponse(lenientList(AccountSchema, 'account'), items, 'account list', (s) => skipped.push(s));
        expect(parsed).toHaveLength(valid.length);
        expect(parsed.every((a) => typeof a.accountID === 'string')).toBe(true);
        if (valid.length < items.length) expect(skipped.flat().length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('read every generated bridge, login and login session (the SDK’s required fields are always there)', () => {
    fc.assert(
      fc.property(bridge, login, loginSession, (b, l, s) => {
        expect(parseResponse(BridgeSchema, b, 'bridge').id).toBe(b['id']);
        expect(parseResponse(BridgeLoginSchema, l, 'login').loginID).toBe(l['loginID']);
        const session = parseResponse(LoginSessionSchema, s, 'login session');
        expect(session.rawStatus).toBe(s['status']);
      }),
      RUNS,
    );
  });
});

describe('accounts model', () => {
  it('never throws, and every account listed appears in the view', () => {
    fc.assert(
      fc.property(fc.array(bridge, { maxLength: 4 }), fc.array(account, { maxLength: 6 }), fc.array(login, { maxLength: 4 }), (rawBridges, rawAccounts, rawLogins) => {
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

describe('session engine', () => {
  const TERMINAL_ON_SERVER = new Set(['complete', 'failed', 'cancelled']);

  /** A server that answers every call with the generated answer; a long-poll waits until aborted. */
  function engineAnswering(answer: unknown) {
    const cancelled: string[] = [];
    const read = (): Promise<unknown> => Promise.resolve().then(() => parseResponse(LoginSessionSchema, answer, 'login session'));
    const api = {
      createSession: read,
      getSession: read,
      submitStep: (_b: string, _s: string, _step: string, body: { type: string }, signal?: AbortSignal) =>
        body.type === 'display_and_wait'
          ? new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new AppError('cancelled', 'aborted')), { once: true }))
          : read(),
      cancelSession: (_b: string, id: string) => {
        cancelled.push(id);
        return Promise.resolve();
      },
    } as unknown as BeeperApi;
    const engine = new SessionEngine({ api: () => api, log: new Logger(), bridgeName: () => 'Network', onComplete: () => {}, unsupportedPollMs: 60_000 });
    return { engine, cancelled };
  }

  it('always ends in progress, a clear error, or cancelled; never leaves a session running on the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 6, arbitrary: loginSession }, { weight: 1, arbitrary: garbage }), async (answer) => {
        const { engine, cancelled } = engineAnswering(answer);
        const view = await engine.start({ bridgeID: 'b' });
        expect(SessionViewSchema.safeParse(view).success).toBe(true);
        expect(['user_input', 'cookies', 'display_and_wait', 'unsupported', 'complete', 'failed', 'cancelled']).toContain(view.phase);
        if (view.phase === 'failed') expect(view.error?.message).toMatch(/\S/);
        if (view.phase === 'user_input' || view.phase === 'cookies' || view.phase === 'display_and_wait' || view.phase === 'unsupported') expect(view.step).not.toBeNull();
        // The user closes the screen: whatever the server still runs is cancelled there.
        await engine.dismiss(view.id);
        await new Promise((r) => setTimeout(r, 0));
        const raw = answer as { loginSessionID?: unknown; status?: unknown } | null;
        const id = raw && typeof raw === 'object' && typeof raw.loginSessionID === 'string' && raw.loginSessionID.length > 0 ? raw.loginSessionID : null;
        const endedOnServer = raw && typeof raw === 'object' && TERMINAL_ON_SERVER.has(String(raw.status));
        if (id && !endedOnServer) expect(cancelled).toContain(id);
        expect(engine.list()).toEqual([]);
      }),
      RUNS,
    );
  });
});
