/**
 * Test control under `/__sim/`: reset to a seed, act as the phone (scan / type code / tap emoji),
 * change login and bridge status, revoke tokens, inject faults, read the request log, change
 * timing, and stop/start the API listener (simulating Beeper Desktop quitting and coming back).
 * Never part of the real API; no auth; the simulator only listens on loopback.
 */
import { z } from 'zod';
import { EMOJI_IMAGES, emojiSVG } from '../bridges/messaging.ts';
import { parseSeed } from '../bridges/catalog.ts';
import type { SimConfig } from '../config.ts';
import type { SimCore } from '../core.ts';
import { Codes, SimError, notFound } from '../errors.ts';
import { parseBody, type Route } from '../http.ts';
import { PROFILES } from '../profiles.ts';
import type { SimSession } from '../sessions.ts';

export interface ServerControl {
  stopAPI(forMs?: number): Promise<void>;
  startAPI(): Promise<void>;
  apiRunning(): boolean;
}

const scanBody = z.object({
  asOther: z.boolean().optional(),
  wrong: z.boolean().optional(),
  phoneNumber: z.string().optional(),
});

const faultBody = z.object({
  route: z.string().default('*'),
  kind: z.enum(['latency', 'status', 'malformed', 'drop']),
  ms: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  retryAfterSec: z.number().int().min(0).optional(),
  count: z.number().int().min(1).optional(),
});

const configBody = z
  .object({
    profile: z.enum(PROFILES),
    desktopVersion: z.string(),
    appState: z.enum(['needs-login', 'initializing', 'needs-cross-signing-setup', 'needs-verification', 'needs-secrets', 'needs-first-sync', 'ready']),
    oauthAutoApprove: z.boolean(),
    tokenLifetimeSec: z.number().min(0),
    authCodeTtlMs: z.number().min(0),
    timeScale: z.number().positive(),
    qrRotationMs: z.number().positive().nullable(),
    sessionTtlMs: z.number().positive(),
    legacyAccountShape: z.boolean(),
    telegram: z.object({ code: z.string(), password: z.string(), twoFactor: z.boolean() }).partial(),
  })
  .partial();

const loginStatusBody = z.object({
  status: z.enum(['connected', 'connecting', 'needs_login', 'logged_out', 'unknown']),
  statusText: z.string().optional(),
});

const accountStatusBody = z.object({
  status: z.enum(['connected', 'connecting', 'backfilling', 'connection_required', 'reconnect_required', 'attention_required', 'disconnected', 'disabled']).nullable(),
  statusText: z.string().optional(),
});

const bridgeStatusBody = z.object({
  status: z.enum(['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled']).nullable(),
  statusText: z.string().optional(),
});

export function controlRoutes(core: SimCore, server: ServerControl): Route[] {
  const r = (method: Route['method'], path: string, handler: Route['handler']): Route => ({
    method,
    path: `/__sim${path}`,
    auth: 'none',
    faultable: false,
    handler,
  });

  /** The newest session of a bridge that is still going (for UI tests that never see session IDs). */
  const latestLive = (bridgeID: string): SimSession => {
    const live = [...core.logins.sessions.values()].filter((s) => s.bridge.id === bridgeID && !s.terminal);
    const newest = live.sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!newest) throw notFound(`A live login session on ${bridgeID}`);
    return newest;
  };
  const sessionByID = (id: string): SimSession => {
    const s = core.logins.sessions.get(id);
    if (!s) throw notFound(`Login session ${id}`);
    return s;
  };
  const describeSession = (s: SimSession) => ({
    ...core.logins.snapshot(s),
    flowID: s.flowID,
    waitingRequests: s.waiting,
    rotationsLeft: s.rotationsLeft,
    lastSubmit: s.lastSubmit,
    createdAt: new Date(s.createdAt).toISOString(),
  });

  return [
    r('POST', '/reset', async ({ body }) => {
      const input = parseBody(z.object({ seed: z.string().default('default'), config: configBody.optional() }), await body());
      const seedName = parseSeed(input.seed);
      if (!seedName) throw new SimError(400, Codes.VALIDATION_ERROR, `Unknown seed ${input.seed}: use default, empty or large:N`);
      core.reset(seedName, input.config as Partial<SimConfig> | undefined);
      return { json: { ok: true, seed: input.seed } };
    }),

    r('GET', '/state', () => ({
      json: {
        config: core.config,
        apiRunning: server.apiRunning(),
        logins: [...core.state.logins.values()].map((l) => ({ ...core.state.wireLogin(l), remembered: l.remembered })),
        accounts: [...core.state.accounts.values()].map((a) => core.state.wireAccount(a, false)),
        bridges: [...core.state.bridges.values()].map((b) => ({ id: b.id, ...core.state.bridgeStatusOf(b) })),
        sessions: [...core.logins.sessions.values()].map(describeSession),
        tokens: [...core.state.tokens.values()].map((t) => ({
          id: t.id,
          clientID: t.clientID,
          scopes: t.scopes,
          revoked: t.revoked,
          expiresAt: t.expiresAt && new Date(t.expiresAt).toISOString(),
        })),
        faults: core.faults,
      },
    })),

    r('POST', '/config', async ({ body }) => {
      const patch = parseBody(configBody, await body()) as Partial<SimConfig>;
      core.config = { ...core.config, ...patch, telegram: { ...core.config.telegram, ...(patch.telegram ?? {}) } };
      return { json: core.config };
    }),

    // ------------------------------------------------------------- the phone
    r('POST', '/sessions/:sessionID/scan', async ({ params, body }) => ({
      json: core.logins.scan(sessionByID(params['sessionID']!), parseBody(scanBody, await body())),
    })),
    r('POST', '/bridges/:bridgeID/scan', async ({ params, body }) => ({
      json: core.logins.scan(latestLive(params['bridgeID']!), parseBody(scanBody, await body())),
    })),
    r('GET', '/bridges/:bridgeID/session', ({ params }) => ({ json: describeSession(latestLive(params['bridgeID']!)) })),
    r('POST', '/sessions/:sessionID/forget', ({ params }) => {
      core.logins.forget(sessionByID(params['sessionID']!));
      return { json: { ok: true } };
    }),
    r('POST', '/sessions/:sessionID/expire', ({ params }) => {
      const s = sessionByID(params['sessionID']!);
      core.logins.apply(s, { fail: { code: Codes.LOGIN_TIMED_OUT, message: 'The login process timed out', httpStatus: 410 } });
      return { json: core.logins.snapshot(s) };
    }),

    // ------------------------------------------------------------- world state
    r('POST', '/logins/:bridgeID/:loginID/status', async ({ params, body }) => {
      const input = parseBody(loginStatusBody, await body());
      const login = core.state.setLoginStatus(params['bridgeID']!, params['loginID']!, input.status, input.statusText);
      if (!login) throw notFound(`Login ${params['loginID']}`);
      return { json: core.state.wireLogin(login) };
    }),
    r('POST', '/accounts/:accountID/status', async ({ params, body }) => {
      const input = parseBody(accountStatusBody, await body());
      const account = core.state.accounts.get(params['accountID']!);
      if (!account) throw notFound(`Account ${params['accountID']}`);
      account.statusOverride = input.status ?? undefined;
      account.statusText = input.statusText;
      return { json: core.state.wireAccount(account, false) };
    }),
    r('POST', '/bridges/:bridgeID/status', async ({ params, body }) => {
      const input = parseBody(bridgeStatusBody, await body());
      if (!core.state.bridge(params['bridgeID']!)) throw notFound(`Bridge ${params['bridgeID']}`);
      if (input.status === null) core.state.bridgeStatus.delete(params['bridgeID']!);
      else core.state.bridgeStatus.set(params['bridgeID']!, { status: input.status, statusText: input.statusText });
      return { json: { ok: true } };
    }),

    // ------------------------------------------------------------- tokens
    r('POST', '/tokens', async ({ body }) => {
      const input = parseBody(
        z.object({ scopes: z.array(z.enum(['read', 'write'])).optional(), lifetimeSec: z.number().positive().nullable().optional() }),
        await body(),
      );
      return { json: { token: core.mintToken(input) } };
    }),
    r('POST', '/tokens/revoke-all', () => {
      for (const t of core.state.tokens.values()) t.revoked = true;
      return { json: { ok: true } };
    }),
    r('POST', '/tokens/expire-all', () => {
      for (const t of core.state.tokens.values()) t.expiresAt = Date.now() - 1000;
      return { json: { ok: true } };
    }),

    // ------------------------------------------------------------- faults and log
    r('POST', '/faults', async ({ body }) => ({ status: 201, json: core.addFault(parseBody(faultBody, await body())) })),
    r('GET', '/faults', () => ({ json: core.faults })),
    r('DELETE', '/faults', () => {
      core.faults = [];
      return { json: { ok: true } };
    }),
    r('GET', '/requests', () => ({ json: core.log })),
    r('DELETE', '/requests', () => {
      core.log = [];
      return { json: { ok: true } };
    }),

    // ------------------------------------------------------------- Beeper Desktop going away
    r('POST', '/server/stop', async ({ body }) => {
      const input = parseBody(z.object({ forMs: z.number().int().positive().optional() }), await body());
      // Answer first, then stop: the request may be arriving on the API listener itself.
      setTimeout(() => void server.stopAPI(input.forMs), 10);
      return { json: { ok: true, restartInMs: input.forMs ?? null } };
    }),
    r('POST', '/server/start', async () => {
      await server.startAPI();
      return { json: { ok: true } };
    }),

    // ------------------------------------------------------------- assets
    r('GET', '/emoji/:file', ({ params }) => {
      const name = params['file']!.replace(/\.svg$/, '');
      const emoji = EMOJI_IMAGES.find((e) => e.name === name);
      if (!emoji) throw new SimError(404, Codes.NOT_FOUND, 'No such emoji');
      return {
        contentType: 'image/svg+xml',
        headers: { 'cache-control': 'public, max-age=86400' },
        body: emojiSVG(emoji),
      };
    }),
  ];
}
