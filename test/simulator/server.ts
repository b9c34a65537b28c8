/**
 * The Beeper Desktop API simulator: a real HTTP server on loopback.
 *
 *   const sim = await startSimulator({ port: 0, config: fastTestConfig() });
 *   sim.url            // http://127.0.0.1:<port>
 *   sim.mintToken()    // a bearer token, as if created in Beeper Desktop's settings
 *   await sim.stop();
 *
 * With `controlPort`, test control (`/__sim/*`) is also served on a second listener that stays up
 * while the API listener is stopped, so a browser test can make "Beeper Desktop" quit and return.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SeedName } from './bridges/catalog.ts';
import type { SimConfig } from './config.ts';
import { SimCore } from './core.ts';
import type { Profile } from './profiles.ts';
import { Codes, SimError } from './errors.ts';
import { matchRoute, readBody, routeID, sendReply, type RequestContext, type Route } from './http.ts';
import { apiRoutes } from './routes/api.ts';
import { controlRoutes, type ServerControl } from './routes/control.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { signinRoutes } from './routes/signin.ts';

export interface SimulatorOptions {
  /** API port; 0 picks a free one. Default 23373, Beeper Desktop's own. */
  port?: number;
  host?: string;
  /** Also serve `/__sim/*` on this port (0 = any free port); stays up while the API is stopped. */
  controlPort?: number | null;
  seed?: SeedName;
  /** What kind of Beeper Desktop to be on the wire (profiles.ts); the same as `config.profile`. */
  profile?: Profile;
  config?: Partial<SimConfig>;
  /** Tokens accepted from the start, as if created in Beeper Desktop's settings. */
  tokens?: Array<{ token: string; scopes?: string[] }>;
}

class Listener {
  server: Server;
  readonly sockets = new Set<Socket>();
  constructor(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    this.server = createServer(handler);
    this.server.keepAliveTimeout = 5_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      // Like an app that quits: in-flight requests (long-polls included) are cut off.
      for (const s of this.sockets) s.destroy();
      this.server.closeAllConnections();
    });
  }
}

export class Simulator implements ServerControl {
  readonly core: SimCore;
  readonly host: string;
  port: number;
  controlPort: number | null;
  private readonly api: Listener;
  private control: Listener | null = null;
  private readonly apiRoutesList: Route[];
  private readonly controlRoutesList: Route[];
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(opts: SimulatorOptions = {}) {
    this.core = new SimCore({ ...opts.config, ...(opts.profile ? { profile: opts.profile } : {}) }, opts.seed ?? 'default', opts.tokens ?? []);
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? 23373;
    this.controlPort = opts.controlPort ?? null;
    this.controlRoutesList = controlRoutes(this.core, this);
    this.apiRoutesList = [...apiRoutes(this.core), ...oauthRoutes(this.core), ...signinRoutes(), ...this.controlRoutesList];
    this.core.routes = this.apiRoutesList;
    this.api = new Listener((req, res) => void this.handle(req, res, this.apiRoutesList));
    if (this.controlPort !== null) this.control = new Listener((req, res) => void this.handle(req, res, this.controlRoutesList));
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  get controlURL(): string {
    return this.control ? `http://${this.host}:${this.controlPort}` : this.url;
  }

  async start(): Promise<this> {
    this.port = await this.api.listen(this.port, this.host);
    if (this.control && !this.control.server.listening) this.controlPort = await this.control.listen(this.controlPort ?? 0, this.host);
    return this;
  }

  /** Stops everything (API and control listeners). */
  async stop(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.core.logins.forgetAll();
    await Promise.all([this.api.close(), this.control?.close()]);
  }

  // ServerControl: Beeper Desktop quitting and coming back. Login sessions do not survive a restart.
  async stopAPI(forMs?: number): Promise<void> {
    this.core.logins.forgetAll();
    await this.api.close();
    if (forMs) {
      this.restartTimer = setTimeout(() => void this.startAPI(), forMs);
      this.restartTimer.unref();
    }
  }

  async startAPI(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    if (this.api.server.listening) return;
    this.port = await this.api.listen(this.port, this.host);
  }

  apiRunning(): boolean {
    return this.api.server.listening;
  }

  /** Shortcut for tests: a token as if created in Beeper Desktop's settings. */
  mintToken(opts?: Parameters<SimCore['mintToken']>[0]): string {
    return this.core.mintToken(opts);
  }

  reset(seed: SeedName = 'default', config?: Partial<SimConfig>): void {
    this.core.reset(seed, config);
  }

  // ----------------------------------------------------------------- request handling

  private async handle(req: IncomingMessage, res: ServerResponse, routes: Route[]): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${this.host}:${this.port}`}`);
    const baseURL = `http://${url.host}`;
    const common = { 'x-beeper-desktop-version': this.core.config.desktopVersion };
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    const route = match?.route ?? null;
    let status: number | null = null;
    let outcome: 'answered' | 'dropped' | 'aborted' = 'answered';
    res.on('close', () => {
      if (!res.writableFinished && outcome === 'answered') outcome = 'aborted';
      if (!url.pathname.startsWith('/__sim/')) {
        this.core.record({
          at: new Date(started).toISOString(),
          method: req.method ?? 'GET',
          path: url.pathname,
          route: route ? routeID(route) : null,
          status,
          auth: typeof req.headers.authorization === 'string',
          ms: Date.now() - started,
          outcome,
        });
      }
    });

    try {
      if (!match) throw new SimError(404, Codes.NOT_FOUND, `No route for ${req.method} ${url.pathname}`);
      const fault = route!.faultable ? this.core.takeFault(route!) : undefined;
      if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms ?? 1000));
      if (fault?.kind === 'drop') {
        outcome = 'dropped';
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        const code = fault.status ?? 500;
        const headers: Record<string, string> = {};
        if (fault.retryAfterSec !== undefined) headers['retry-after'] = String(fault.retryAfterSec);
        throw new SimError(code, fault.code ?? defaultCodeFor(code), fault.message ?? defaultMessageFor(code), undefined, headers);
      }
      if (fault?.kind === 'malformed') {
        status = 200;
        res.writeHead(200, { ...common, 'content-type': 'application/json; charset=utf-8' });
        res.end('{"items": [{"id": "local-whats');
        return;
      }

      let bodyPromise: Promise<unknown> | undefined;
      const ctx: RequestContext = {
        req,
        res,
        url,
        params: match.params,
        baseURL,
        body: () => (bodyPromise ??= readBody(req)),
      };
      ctx.tokenID = this.core.authenticate(req.headers.authorization, route!.auth);
      const reply = await route!.handler(ctx);
      status = reply.status ?? 200;
      sendReply(res, reply, common);
    } catch (e) {
      const err =
        e instanceof SimError ? e : new SimError(500, Codes.INTERNAL_ERROR, 'Internal error in the simulator', { reason: e instanceof Error ? e.message : String(e) });
      status = err.status;
      sendReply(res, { status: err.status, json: err.body(), headers: err.headers }, common);
    }
  }
}

function defaultCodeFor(status: number): string {
  if (status === 401) return Codes.UNAUTHORIZED;
  if (status === 403) return Codes.INSUFFICIENT_SCOPE;
  if (status === 404) return Codes.NOT_FOUND;
  if (status === 422) return Codes.VALIDATION_ERROR;
  if (status === 429) return Codes.RATE_LIMITED;
  if (status >= 500) return Codes.INTERNAL_ERROR;
  return Codes.INVALID_REQUEST;
}

function defaultMessageFor(status: number): string {
  if (status === 429) return 'Too many requests, slow down';
  if (status >= 500) return 'Internal server error';
  return 'Request failed';
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  return new Simulator(opts).start();
}
