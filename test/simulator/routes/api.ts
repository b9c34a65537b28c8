/** The `/v1` API routes (docs/beeper-desktop-api.md §2). */
import os from 'node:os';
import { z } from 'zod';
import { Codes, SimError, notFound } from '../errors.ts';
import { parseBody, type Route } from '../http.ts';
import type { SimCore } from '../core.ts';
import { presentAccount, presentBridge, presentLogin, servedIn } from '../profiles.ts';

const createSessionBody = z.object({
  flowID: z.string().min(1).optional(),
  loginID: z.string().min(1).optional(),
  accountID: z.string().min(1).optional(),
});

const submitStepBody = z.object({
  type: z.enum(['user_input', 'cookies', 'display_and_wait']),
  fields: z.record(z.string(), z.string()).optional(),
  lastURL: z.string().optional(),
  source: z.enum(['api', 'webview', 'browser_extension']).optional(),
});

const removeLoginBody = z.object({ scope: z.enum(['current-device', 'all-devices']) });

export function apiRoutes(core: SimCore): Route[] {
  const legacy = (): boolean => core.config.legacyAccountShape;
  const profile = () => core.config.profile;
  const bridgeOr404 = (id: string) => {
    const def = core.state.bridge(id);
    if (!def || !servedIn(def, profile())) throw notFound(`Bridge ${id}`);
    return def;
  };
  const served = () => [...core.state.bridges.values()].filter((b) => servedIn(b, profile()));
  const account = (a: Parameters<typeof core.state.wireAccount>[0]) => presentAccount(core.state.wireAccount(a, legacy()), core.state.bridge(a.bridgeID), profile());
  const visibleAccounts = () => [...core.state.accounts.values()].filter((a) => served().some((b) => b.id === a.bridgeID));
  const r = (method: Route['method'], path: string, auth: Route['auth'], handler: Route['handler']): Route => ({
    method,
    path,
    auth,
    faultable: true,
    handler,
  });

  return [
    r('GET', '/v1/info', 'none', ({ baseURL, url }) => ({
      json: {
        app: { name: 'Beeper', version: core.config.desktopVersion, bundle_id: 'com.automattic.beeper.desktop' },
        platform: { os: process.platform, arch: process.arch, release: os.release() },
        server: {
          status: 'running',
          base_url: baseURL,
          port: Number(url.port) || 80,
          hostname: url.hostname,
          remote_access: false,
          mcp_enabled: true,
        },
        endpoints: {
          oauth: {
            authorization_endpoint: `${baseURL}/oauth/authorize`,
            token_endpoint: `${baseURL}/oauth/token`,
            introspection_endpoint: `${baseURL}/oauth/introspect`,
            userinfo_endpoint: `${baseURL}/oauth/userinfo`,
            revocation_endpoint: `${baseURL}/oauth/revoke`,
            registration_endpoint: `${baseURL}/oauth/register`,
          },
          spec: `${baseURL}/v1/spec`,
          mcp: `${baseURL}/v0/mcp`,
          ws_events: '/v1/ws',
        },
      },
    })),

    r('GET', '/v1/app/setup', 'none', () => ({ json: { state: core.config.appState } })),

    r('GET', '/v1/spec', 'none', () => ({ json: core.openAPISummary() })),

    // ----------------------------------------------------------------- accounts
    r('GET', '/v1/accounts', 'read', () => ({ json: visibleAccounts().map(account) })),
    r('GET', '/v1/accounts/:accountID', 'read', ({ params }) => {
      const a = visibleAccounts().find((x) => x.accountID === params['accountID']);
      if (!a) throw notFound(`Account ${params['accountID']}`);
      return { json: account(a) };
    }),

    // ----------------------------------------------------------------- bridges
    r('GET', '/v1/bridges', 'read', () => ({
      json: { items: served().map((b) => presentBridge(core.state.wireBridge(b, legacy()), b, profile())) },
    })),
    r('GET', '/v1/bridges/:bridgeID', 'read', ({ params }) => {
      const def = bridgeOr404(params['bridgeID']!);
      return { json: presentBridge(core.state.wireBridge(def, legacy()), def, profile()) };
    }),
    r('GET', '/v1/bridges/:bridgeID/capabilities', 'read', ({ params }) => ({
      json: bridgeOr404(params['bridgeID']!).capabilities,
    })),
    r('GET', '/v1/bridges/:bridgeID/login-flows', 'read', ({ params }) => ({
      json: { items: bridgeOr404(params['bridgeID']!).flows.map((f) => ({ id: f.id, name: f.name, description: f.description })) },
    })),

    // ----------------------------------------------------------------- login sessions
    r('POST', '/v1/bridges/:bridgeID/login-sessions', 'write', async ({ params, body, baseURL }) => {
      const def = bridgeOr404(params['bridgeID']!);
      const input = parseBody(createSessionBody, await body());
      return { json: core.logins.create(def, input, baseURL) };
    }),
    r('GET', '/v1/bridges/:bridgeID/login-sessions/:loginSessionID', 'read', ({ params }) => {
      bridgeOr404(params['bridgeID']!);
      const session = core.logins.get(params['bridgeID']!, params['loginSessionID']!);
      return { json: core.logins.snapshotFor(session) };
    }),
    r('DELETE', '/v1/bridges/:bridgeID/login-sessions/:loginSessionID', 'write', ({ params }) => {
      bridgeOr404(params['bridgeID']!);
      const session = core.logins.get(params['bridgeID']!, params['loginSessionID']!);
      return { json: core.logins.cancel(session) };
    }),
    r('POST', '/v1/bridges/:bridgeID/login-sessions/:loginSessionID/steps/:stepID', 'write', async ({ params, body, res }) => {
      bridgeOr404(params['bridgeID']!);
      const session = core.logins.get(params['bridgeID']!, params['loginSessionID']!);
      const input = parseBody(submitStepBody, await body());
      // A client that hangs up mid long-poll must not swallow the next change (QR rotation).
      const hangUp = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) hangUp.abort();
      });
      return { json: await core.logins.submit(session, params['stepID']!, input, hangUp.signal) };
    }),

    // ----------------------------------------------------------------- logins
    r('GET', '/v1/bridges/:bridgeID/logins', 'read', ({ params }) => {
      const def = bridgeOr404(params['bridgeID']!);
      return { json: { items: core.state.loginsOf(def.id).map((l) => presentLogin(core.state.wireLogin(l), def, profile())) } };
    }),
    r('GET', '/v1/bridges/:bridgeID/logins/:loginID', 'read', ({ params }) => {
      const def = bridgeOr404(params['bridgeID']!);
      const login = core.state.login(def.id, params['loginID']!);
      if (!login) throw notFound(`Login ${params['loginID']}`);
      return { json: presentLogin(core.state.wireLogin(login), def, profile()) };
    }),
    r('POST', '/v1/bridges/:bridgeID/logins/:loginID/remove', 'write', async ({ params, body }) => {
      const def = bridgeOr404(params['bridgeID']!);
      const login = core.state.login(def.id, params['loginID']!);
      if (!login) throw notFound(`Login ${params['loginID']}`);
      const { scope } = parseBody(removeLoginBody, await body());
      // [GUESS] a scope the login does not allow is a 400.
      if (!def.removeScopes.includes(scope)) {
        throw new SimError(400, Codes.INVALID_SCOPE, `${def.displayName} logins cannot be removed with scope ${scope}`, {
          allowed: def.removeScopes,
        });
      }
      const affected = core.state.removeLogin(def.id, login.loginID);
      return { json: { bridgeID: def.id, loginID: login.loginID, scope, status: 'removed', affectedAccountIDs: affected } };
    }),
  ];
}
