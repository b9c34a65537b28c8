/**
 * OAuth 2.0 authorization code + PKCE (S256 only), as docs/beeper-desktop-api.md §1.3 describes: dynamic client
 * registration, an approve/deny page (or auto-approve for tests), single-use short-lived codes,
 * form-encoded token/revoke/introspect (JSON tolerated), userinfo. No refresh tokens.
 */
import { createHash } from 'node:crypto';
import { OAuthError } from '../errors.ts';
import { escapeHTML, html, type Reply, type RequestContext, type Route } from '../http.ts';
import { randomID, randomToken } from '../ids.ts';
import type { SimCore } from '../core.ts';

const SUPPORTED_SCOPES = ['read', 'write'];

interface PendingAuthorization {
  id: string;
  clientID: string;
  redirectURI: string;
  state: string | undefined;
  challenge: string;
  scopes: string[];
  createdAt: number;
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/**
 * RFC 8252 §7.3: for loopback redirects the port is chosen per sign-in, so a registered redirect
 * matches any port with the same scheme, host and path.
 */
function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  if (!isLoopbackRedirect(registered) || !isLoopbackRedirect(requested)) return false;
  const a = new URL(registered);
  const b = new URL(requested);
  return a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}

function isLoopbackRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function formFields(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await ctx.body();
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function redirectWith(redirectURI: string, params: Record<string, string | undefined>): Reply {
  const target = new URL(redirectURI);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
  return { status: 302, headers: { location: target.toString(), 'cache-control': 'no-store' } };
}

export function oauthRoutes(core: SimCore): Route[] {
  const pending = new Map<string, PendingAuthorization>();

  const issueCode = (p: PendingAuthorization): Reply => {
    const code = randomToken(24);
    core.state.authCodes.set(code, {
      code,
      clientID: p.clientID,
      redirectURI: p.redirectURI,
      challenge: p.challenge,
      scopes: p.scopes,
      expiresAt: Date.now() + core.config.authCodeTtlMs,
      used: false,
      tokenIDs: [],
    });
    return redirectWith(p.redirectURI, { code, state: p.state });
  };

  const r = (method: Route['method'], path: string, handler: Route['handler'], auth: Route['auth'] = 'none'): Route => ({
    method,
    path,
    auth,
    faultable: true,
    handler: async (ctx) => {
      try {
        return await handler(ctx);
      } catch (e) {
        if (e instanceof OAuthError) {
          return { status: e.status, json: { error: e.error, error_description: e.message }, headers: { 'cache-control': 'no-store' } };
        }
        throw e;
      }
    },
  });

  return [
    r('GET', '/.well-known/oauth-authorization-server', ({ baseURL }) => ({
      json: {
        issuer: baseURL,
        authorization_endpoint: `${baseURL}/oauth/authorize`,
        token_endpoint: `${baseURL}/oauth/token`,
        registration_endpoint: `${baseURL}/oauth/register`,
        revocation_endpoint: `${baseURL}/oauth/revoke`,
        introspection_endpoint: `${baseURL}/oauth/introspect`,
        userinfo_endpoint: `${baseURL}/oauth/userinfo`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: SUPPORTED_SCOPES,
        token_endpoint_auth_methods_supported: ['none'],
      },
    })),

    r('POST', '/oauth/register', async (ctx) => {
      const body = await formFields(ctx);
      const redirectURIs = body['redirect_uris'];
      if (!Array.isArray(redirectURIs) || redirectURIs.length === 0 || !redirectURIs.every((u) => typeof u === 'string')) {
        throw new OAuthError(400, 'invalid_redirect_uri', 'redirect_uris must be a non-empty array of URLs');
      }
      if (!redirectURIs.every((u: string) => isLoopbackRedirect(u))) {
        throw new OAuthError(400, 'invalid_redirect_uri', 'Only loopback http redirect URIs are allowed');
      }
      const clientID = randomID('cli_', 20);
      const clientName = str(body['client_name']) ?? 'Unnamed app';
      core.state.clients.set(clientID, { clientID, clientName, redirectURIs, registered: true });
      return {
        status: 201,
        json: {
          client_id: clientID,
          client_id_issued_at: Math.floor(Date.now() / 1000),
          client_name: clientName,
          redirect_uris: redirectURIs,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          scope: str(body['scope']) ?? 'read write',
          token_endpoint_auth_method: 'none',
        },
      };
    }),

    r('GET', '/oauth/authorize', ({ url }) => {
      const q = url.searchParams;
      const clientID = q.get('client_id') ?? '';
      const redirectURI = q.get('redirect_uri') ?? '';
      const client = core.state.clients.get(clientID);
      // Unregistered public client IDs are accepted (Raycast's fixed client_id, docs/beeper-desktop-api.md §1.3),
      // but only with a loopback redirect; registered ones must use a registered redirect.
      const redirectOK = client ? client.redirectURIs.some((r) => redirectMatches(r, redirectURI)) : isLoopbackRedirect(redirectURI);
      if (!clientID || !redirectOK) {
        return html(page('Authorization failed', '<p>This app sent an invalid client ID or redirect address, so it cannot be authorized.</p>'), 400);
      }
      const state = q.get('state') ?? undefined;
      const fail = (error: string, description: string): Reply => redirectWith(redirectURI, { error, error_description: description, state });
      if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
      const challenge = q.get('code_challenge');
      if (!challenge || q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
      const scopes = (q.get('scope') ?? 'read write').split(/\s+/).filter(Boolean);
      if (scopes.some((s) => !SUPPORTED_SCOPES.includes(s))) return fail('invalid_scope', 'Supported scopes are read and write');
      if (core.config.appState === 'needs-login') return fail('access_denied', 'Beeper Desktop is not signed in');

      const p: PendingAuthorization = { id: randomID('az_', 16), clientID, redirectURI, state, challenge, scopes, createdAt: Date.now() };
      if (core.config.oauthAutoApprove) return issueCode(p);
      pending.set(p.id, p);
      const name = escapeHTML(client?.clientName ?? clientID);
      return html(
        page(
          'Allow access to Beeper?',
          `<p><strong>${name}</strong> wants to use your Beeper Desktop with these permissions:</p>
          <ul>${scopes.map((s) => `<li>${s === 'read' ? 'Read your chats, messages and accounts' : 'Change things: connect accounts, send messages'}</li>`).join('')}</ul>
          <form method="post" action="/oauth/authorize">
            <input type="hidden" name="request_id" value="${p.id}">
            <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
            <button type="submit" name="decision" value="approve">Approve</button>
          </form>`,
        ),
      );
    }),

    r('POST', '/oauth/authorize', async (ctx) => {
      const body = await formFields(ctx);
      const p = pending.get(str(body['request_id']) ?? '');
      if (!p || Date.now() - p.createdAt > 10 * 60_000) {
        return html(page('Request expired', '<p>This authorization request has expired. Start again from the app.</p>'), 400);
      }
      pending.delete(p.id);
      if (body['decision'] !== 'approve') {
        return redirectWith(p.redirectURI, { error: 'access_denied', error_description: 'The user denied access', state: p.state });
      }
      return issueCode(p);
    }),

    r('POST', '/oauth/token', async (ctx) => {
      const body = await formFields(ctx);
      if (body['grant_type'] !== 'authorization_code') throw new OAuthError(400, 'unsupported_grant_type', 'Only authorization_code is supported (no refresh tokens)');
      const code = core.state.authCodes.get(str(body['code']) ?? '');
      if (!code) throw new OAuthError(400, 'invalid_grant', 'Unknown authorization code');
      if (code.used) {
        // Replay: the code is burnt and every token issued from it revoked (RFC 6749 §4.1.2).
        for (const t of core.state.tokens.values()) if (code.tokenIDs.includes(t.id)) t.revoked = true;
        throw new OAuthError(400, 'invalid_grant', 'Authorization code has already been used');
      }
      code.used = true;
      if (code.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'Authorization code has expired');
      if (str(body['client_id']) !== code.clientID) throw new OAuthError(400, 'invalid_grant', 'client_id does not match the authorization code');
      if (str(body['redirect_uri']) !== code.redirectURI) throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      const verifier = str(body['code_verifier']);
      if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new OAuthError(400, 'invalid_request', 'code_verifier is missing or malformed');
      if (s256(verifier) !== code.challenge) throw new OAuthError(400, 'invalid_grant', 'PKCE verification failed');

      const lifetime = core.config.tokenLifetimeSec;
      const token = randomToken(32);
      const record = core.addToken(token, code.clientID, code.scopes, lifetime || null);
      code.tokenIDs.push(record.id);
      const json: Record<string, unknown> = { access_token: token, token_type: 'Bearer', scope: code.scopes.join(' ') };
      if (lifetime) json['expires_in'] = lifetime;
      return { json, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
    }),

    r('POST', '/oauth/revoke', async (ctx) => {
      const body = await formFields(ctx);
      const record = core.state.tokens.get(str(body['token']) ?? '');
      if (record) record.revoked = true;
      return { status: 200 }; // RFC 7009: 200 whether or not the token was valid
    }),

    r('POST', '/oauth/introspect', async (ctx) => {
      const body = await formFields(ctx);
      const record = core.state.tokens.get(str(body['token']) ?? '');
      const active = record && !record.revoked && (record.expiresAt === null || record.expiresAt > Date.now());
      if (!record || !active) return { json: { active: false } };
      const json: Record<string, unknown> = {
        active: true,
        scope: record.scopes.join(' '),
        client_id: record.clientID,
        token_type: 'Bearer',
        iat: Math.floor(record.issuedAt / 1000),
        sub: record.id,
      };
      if (record.expiresAt !== null) json['exp'] = Math.floor(record.expiresAt / 1000);
      return { json };
    }),

    r(
      'GET',
      '/oauth/userinfo',
      (ctx) => {
        const record = [...core.state.tokens.values()].find((t) => t.id === ctx.tokenID)!;
        const json: Record<string, unknown> = {
          sub: record.id,
          scope: record.scopes.join(' '),
          iat: Math.floor(record.issuedAt / 1000),
          token_use: 'access',
          aud: record.clientID,
          client_id: record.clientID,
        };
        if (record.expiresAt !== null) json['exp'] = Math.floor(record.expiresAt / 1000);
        return { json };
      },
      'token',
    ),
  ];
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHTML(title)} — Beeper Desktop</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { display: grid; place-items: center; min-height: 100vh; margin: 0; background: Canvas; }
  main { max-width: 26rem; padding: 2rem; border: 1px solid #8884; border-radius: 12px; }
  h1 { font-size: 1.3rem; margin-top: 0; }
  form { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.5rem; }
  button { font: inherit; padding: .5rem 1.1rem; border-radius: 8px; border: 0; background: #5b6ee1; color: #fff; cursor: pointer; }
  button.secondary { background: transparent; color: inherit; border: 1px solid #8886; }
</style></head><body><main><h1>${escapeHTML(title)}</h1>${content}</main></body></html>`;
}
