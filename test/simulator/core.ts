/** The simulator's in-memory core: state, sessions, config, tokens, faults and the request log. */
import { allBridges, seed, type SeedName } from './bridges/catalog.ts';
import { defaultConfig, mergeConfig, type SimConfig } from './config.ts';
import { Codes, SimError } from './errors.ts';
import { routeID, type AuthLevel, type Route } from './http.ts';
import { randomID, randomToken } from './ids.ts';
import { SimulatedLogins } from './sessions.ts';
import { SimState, type SimToken } from './state.ts';

export type FaultKind = 'latency' | 'status' | 'malformed' | 'drop';

export interface Fault {
  id: string;
  /** A route ID such as `GET /v1/accounts` or `POST /v1/bridges/:bridgeID/login-sessions/:loginSessionID/steps/:stepID`, or `*`. */
  route: string;
  kind: FaultKind;
  /** latency: delay before handling. */
  ms?: number | undefined;
  /** status: the HTTP status, error code and message to answer with. */
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  retryAfterSec?: number | undefined;
  /** How many matching requests it still applies to (Infinity = until cleared). */
  remaining: number;
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  route: string | null;
  status: number | null;
  /** Whether a bearer token was sent (the token itself is never logged). */
  auth: boolean;
  ms: number;
  outcome: 'answered' | 'dropped' | 'aborted';
}

const LOG_LIMIT = 5000;

export class SimCore {
  config: SimConfig;
  readonly state = new SimState(allBridges());
  readonly logins: SimulatedLogins;
  faults: Fault[] = [];
  log: LoggedRequest[] = [];
  routes: Route[] = [];
  readonly staticTokens: Array<{ token: string; scopes: string[] }>;

  constructor(config: Partial<SimConfig> = {}, seedName: SeedName = 'default', staticTokens: Array<{ token: string; scopes?: string[] }> = []) {
    this.config = mergeConfig(defaultConfig(), config);
    this.logins = new SimulatedLogins(this.state, () => this.config);
    this.staticTokens = staticTokens.map((t) => ({ token: t.token, scopes: t.scopes ?? ['read', 'write'] }));
    this.reset(seedName);
  }

  reset(seedName: SeedName = 'default', config?: Partial<SimConfig>): void {
    this.logins.forgetAll();
    seed(this.state, seedName);
    this.faults = [];
    this.log = [];
    if (config) this.config = mergeConfig(defaultConfig(), config);
    for (const t of this.staticTokens) this.addToken(t.token, 'manual', t.scopes, null);
  }

  // ----------------------------------------------------------------- tokens

  addToken(token: string, clientID: string, scopes: string[], lifetimeSec: number | null): SimToken {
    const now = Date.now();
    const record: SimToken = {
      id: randomID('tok_', 16),
      token,
      clientID,
      scopes,
      issuedAt: now,
      expiresAt: lifetimeSec ? now + lifetimeSec * 1000 : null,
      revoked: false,
    };
    this.state.tokens.set(token, record);
    return record;
  }

  /** Issues a token directly (tests), as the in-app "Approved connections" dialog would. */
  mintToken(opts: { scopes?: string[]; lifetimeSec?: number | null; clientID?: string } = {}): string {
    const token = randomToken(32);
    this.addToken(token, opts.clientID ?? 'manual', opts.scopes ?? ['read', 'write'], opts.lifetimeSec ?? null);
    return token;
  }

  /** Validates `Authorization: Bearer …`; returns the token's ID. */
  authenticate(header: string | undefined, level: AuthLevel): string | undefined {
    if (level === 'none') return undefined;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const challenge = { 'www-authenticate': 'Bearer realm="Beeper Desktop API", error="invalid_token"' };
    if (!m) throw new SimError(401, Codes.UNAUTHORIZED, 'Missing or malformed access token', undefined, { 'www-authenticate': 'Bearer realm="Beeper Desktop API"' });
    const record = this.state.tokens.get(m[1]!);
    if (!record || record.revoked) throw new SimError(401, Codes.UNAUTHORIZED, 'Invalid access token', undefined, challenge);
    if (record.expiresAt !== null && record.expiresAt <= Date.now()) {
      throw new SimError(401, Codes.TOKEN_EXPIRED, 'Access token has expired', undefined, challenge);
    }
    // [GUESS] read for GET, write for POST/DELETE (docs/beeper-desktop-api.md §1.3).
    if (level !== 'token' && !record.scopes.includes(level)) {
      throw new SimError(403, Codes.INSUFFICIENT_SCOPE, 'Access token does not have the required scope', { required: level });
    }
    return record.id;
  }

  // ----------------------------------------------------------------- faults

  addFault(f: Omit<Fault, 'id' | 'remaining'> & { count?: number | undefined }): Fault {
    const fault: Fault = { ...f, id: randomID('flt_', 8), remaining: f.count ?? Infinity };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching a route, consumed once. */
  takeFault(route: Route): Fault | undefined {
    const id = routeID(route);
    const fault = this.faults.find((f) => f.remaining > 0 && (f.route === '*' || f.route === id));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  record(entry: LoggedRequest): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** A compact OpenAPI document of the routes served (`GET /v1/spec`). */
  openAPISummary(): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      if (!r.faultable) continue;
      const p = r.path.replace(/:(\w+)/g, '{$1}');
      paths[p] ??= {};
      paths[p][r.method.toLowerCase()] = { security: r.auth === 'none' ? [] : [{ bearerAuth: [] }] };
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Beeper Desktop API (simulator)', version: this.config.desktopVersion },
      paths,
    };
  }
}
