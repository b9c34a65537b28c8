/**
 * OAuth 2.0 authorization code + PKCE (S256) against Beeper Desktop (docs/beeper-desktop-api.md §1.3), as a
 * desktop app does it (RFC 8252): a loopback callback server on 127.0.0.1:0, the authorization
 * page opened in the system browser through an injected `openExternal`, `state` checked, a time
 * limit, then the code exchanged for a token. The client ID from dynamic registration is kept so
 * later sign-ins reuse it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BeeperApi } from '../api/client.ts';
import { sameOriginEndpoint } from '../api/origin.ts';
import type { Info } from '../api/schemas.ts';
import { AppError, messageOf } from '../errors.ts';
import type { Logger } from '../log.ts';
import { t } from '../i18n.ts';

export const CLIENT_NAME = 'Beeper Account Manager';
export const SCOPES = 'read write';

export interface Pkce {
  verifier: string;
  challenge: string;
  state: string;
}

/** 64 random bytes (86 base64url chars, within RFC 7636's 43–128) and a 24-byte state, as the TS CLI does. */
export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), state: randomBytes(24).toString('base64url') };
}

export interface OAuthResult {
  clientID: string;
  accessToken: string;
  expiresAt: number | null;
  scope: string | null;
}

export interface OAuthOptions {
  api: BeeperApi;
  info: Info;
  baseURL: string;
  clientID: string | null;
  openExternal: (url: string) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
  log?: Logger;
  /** Called with each secret as it is created, so logs can redact it. */
  registerSecret?: (secret: string) => void;
  now?: () => number;
}

const PAGE = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width">` +
  `<style>:root{color-scheme:light dark;font-family:system-ui,sans-serif}body{display:grid;place-items:center;min-height:90vh}main{max-width:28rem;text-align:center}</style>` +
  `</head><body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;

interface Callback {
  server: Server;
  redirectURI: string;
  result: Promise<{ code: string }>;
  close(): void;
}

/** Listens on 127.0.0.1:0 for `/callback?code=…&state=…` (or `error=…`). */
async function listenForCallback(expectedState: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Callback> {
  let settle!: { resolve: (v: { code: string }) => void; reject: (e: AppError) => void };
  const result = new Promise<{ code: string }>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // handled by the caller; avoid an unhandled rejection while it is pending
  // The first answer (code, error, timeout or cancel) settles it; a promise ignores later ones.

  const server = createServer((req, res) => {
    // Any local process can send anything here while the sign-in waits: a target that does not
    // parse is answered, never thrown (in Electron that would be the uncaught-exception dialog).
    const url = URL.parse(String(req.url), 'http://127.0.0.1');
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    if (url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const reply = (status: number, title: string, body: string): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(PAGE(title, body));
    };
    const q = url.searchParams;
    if (q.get('state') !== expectedState) {
      // Not our request (or forged): refuse it without ending the sign-in the user started.
      reply(400, t('oauth.badLink'), t('oauth.startAgain'));
      return;
    }
    const error = q.get('error');
    if (error) {
      reply(200, t('oauth.notConnected'), t('oauth.closeTab'));
      const message = error === 'access_denied' ? t('error.accessDenied') : t('error.signInRefused', { error });
      settle.reject(new AppError('sign_in_failed', message, { code: error }));
      return;
    }
    const code = q.get('code');
    if (!code) {
      reply(400, t('oauth.notConnected'), t('oauth.noCode'));
      settle.reject(new AppError('sign_in_failed', t('error.noAuthCode')));
      return;
    }
    reply(200, t('oauth.connected'), t('oauth.connectedBody'));
    settle.resolve({ code });
  });

  await new Promise<void>((resolve, reject) => {
    // Stryker disable next-line StringLiteral: binding 127.0.0.1 on port 0 does not fail here to test it
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const timer = setTimeout(() => settle.reject(new AppError('sign_in_failed', t('error.signInTooLong'), { code: 'TIMEOUT' })), timeoutMs);
  // Stryker disable next-line CallExpression: not observable in a test; keeps a pending sign-in from holding the process open
  timer.unref();
  const onAbort = (): void => settle.reject(new AppError('cancelled', t('error.signInCancelled')));
  // A signal aborted before this point is caught before the browser opens (signInWithOAuth).
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, the promise settles once and close() removes the listener
  signal?.addEventListener('abort', onAbort, { once: true });

  const close = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    server.close();
    server.closeAllConnections();
  };
  return { server, redirectURI: `http://127.0.0.1:${port}/callback`, result, close };
}

export async function signInWithOAuth(opts: OAuthOptions): Promise<OAuthResult> {
  const pkce = createPkce();
  opts.registerSecret?.(pkce.verifier);
  const callback = await listenForCallback(pkce.state, opts.timeoutMs ?? 120_000, opts.signal);
  try {
    const client = await oauthClient(opts, callback.redirectURI);
    const url = new URL(client.authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: client.clientID,
      redirect_uri: callback.redirectURI,
      response_type: 'code',
      scope: SCOPES,
      state: pkce.state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    }).toString();
    if (opts.signal?.aborted) throw new AppError('cancelled', t('error.signInCancelled'));
    await opts.openExternal(url.toString());
    const { code } = await callback.result;
    opts.registerSecret?.(code);

    const token = await opts.api.exchangeCode(client.tokenEndpoint, {
      grant_type: 'authorization_code',
      client_id: client.clientID,
      code,
      code_verifier: pkce.verifier,
      redirect_uri: callback.redirectURI,
    });
    opts.registerSecret?.(token.access_token);
    return {
      clientID: client.clientID,
      accessToken: token.access_token,
      expiresAt: token.expires_in ? (opts.now ?? Date.now)() + token.expires_in * 1000 : null,
      scope: token.scope ?? null,
    };
  } catch (e) {
    throw asSignInFailure(e);
  } finally {
    callback.close();
  }
}

/**
 * The OAuth client to sign in with, and its endpoints: the one registered before, else a new
 * registration. Every endpoint must be on the API's own origin (origin.ts): checked before anything is sent.
 */
async function oauthClient(opts: OAuthOptions, redirectURI: string): Promise<{ clientID: string; authorizationEndpoint: string; tokenEndpoint: string }> {
  const endpoints = opts.info.endpoints.oauth;
  const onOrigin = (endpoint: string | undefined, fallback: string): string => sameOriginEndpoint(opts.baseURL, endpoint, fallback);
  const authorizationEndpoint = onOrigin(endpoints.authorization_endpoint, '/oauth/authorize');
  const tokenEndpoint = onOrigin(endpoints.token_endpoint, '/oauth/token');
  if (opts.clientID) return { clientID: opts.clientID, authorizationEndpoint, tokenEndpoint };
  const registration = await opts.api.register(onOrigin(endpoints.registration_endpoint, '/oauth/register'), {
    client_name: CLIENT_NAME,
    redirect_uris: [redirectURI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    scope: SCOPES,
    token_endpoint_auth_method: 'none',
  });
  opts.log?.info('registered OAuth client', { clientID: registration.client_id });
  return {
    clientID: registration.client_id,
    // Stryker disable next-line StringLiteral: equivalent, the endpoint is never missing here
    authorizationEndpoint: onOrigin(registration.authorization_endpoint ?? authorizationEndpoint, '/oauth/authorize'),
    // Stryker disable next-line StringLiteral: equivalent, the endpoint is never missing here
    tokenEndpoint: onOrigin(registration.token_endpoint ?? tokenEndpoint, '/oauth/token'),
  };
}

/** Whatever stopped the sign-in, as the one error kind the sign-in screen explains (a cancel stays a cancel). */
function asSignInFailure(e: unknown): AppError {
  if (e instanceof AppError && (e.kind === 'sign_in_failed' || e.kind === 'cancelled')) return e;
  const err = e instanceof AppError ? e : new AppError('sign_in_failed', messageOf('sign_in_failed'), { cause: e });
  // The token endpoint answers OAuth errors as 400 {error}: a forgotten client must register again.
  return new AppError('sign_in_failed', err.kind === 'not_running' ? err.message : t('error.signInIncomplete'), {
    code: err.code ?? 'OAUTH_FAILED',
    status: err.status,
    cause: err,
  });
}
