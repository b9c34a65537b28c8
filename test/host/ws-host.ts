/**
 * The WebSocket host: the core's IPC registry on a socket, for the browser preview and the e2e
 * tests. It also serves the renderer build (dist/preview) so page and socket share one origin.
 *
 * Any web page can open a WebSocket to localhost, so a connection must come from this host's own
 * origin and present the per-run key that the host writes into the page it serves. Every message
 * then goes through the same registry as Electron IPC: sender check, payload schema, envelope.
 *
 * Protocol (JSON text frames):
 *   page → host  { id, channel, payload }                 an invoke
 *   host → page  { id, envelope }                         its answer
 *   host → page  { event, payload }                       a pushed event
 *   host → page  { host: 'openExternal', url }            stands in for shell.openExternal: the page
 *                                                          opens the URL in a new tab ("the system browser")
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Core } from '../../main/core/account-manager.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../../main/core/ipc/handlers.ts';
import { IpcRegistry, type SenderInfo } from '../../main/core/ipc/registry.ts';
import type { Logger } from '../../main/core/log.ts';
import { parseLaunch, performLaunch } from '../../main/policy/launch.ts';
import { EVENTS, INVOKE } from '../../preload/contract/channels.ts';
import { FIRST_STATE_ID, FIRST_STATE_PARAM } from '../../preload/contract/preview-socket.ts';

/** Accept-Language ("de-DE,de;q=0.9,en;q=0.8") as a list, most preferred first. */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export interface WsHost {
  url: string;
  port: number;
  key: string;
  registry: IpcRegistry;
  /** Sends the "open this in the system browser" request to the connected pages. */
  openExternal(url: string): Promise<void>;
  /** A `beeper-account-manager://` link opened on this computer, handled as the desktop shell does. */
  openLink(url: string): Promise<void>;
  close(): Promise<void>;
}

export interface WsHostOptions {
  core: Core;
  log: Logger;
  port?: number;
  /** Folder with the renderer's browser build (index.html + assets). */
  staticDir?: string | null;
  /** Extra handlers (e.g. a preview stand-in for the capture window). */
  extend?: (registry: IpcRegistry) => void;
}

const MessageSchema = z.object({ id: z.number().int().nonnegative(), channel: z.string().max(100), payload: z.unknown().optional() }).strict();

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startWsHost(opts: WsHostOptions): Promise<WsHost> {
  const key = randomBytes(24).toString('base64url');
  const log = opts.log.child('ws-host');
  const sockets = new Map<string, WebSocket>();
  let port = 0;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const registry = new IpcRegistry({
    log: opts.log.child('ipc'),
    isTrustedSender: (s: SenderInfo) => s.transport === 'websocket' && sockets.has(s.id) && origins().includes(s.url ?? ''),
  });
  registerCoreHandlers(registry, opts.core);
  opts.extend?.(registry);

  const broadcast = (message: unknown): void => {
    const text = JSON.stringify(message);
    for (const ws of sockets.values()) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const unsubscribe = forwardCoreEvents(opts.core, registry, (event, payload) => broadcast({ event, payload }));
  // A window that has drawn its first screen is shown, and focused, as Electron's is
  // (main/electron/main-window.ts): the user is looking, so the core shows fresh accounts — after
  // the first paint, never competing with it.
  const stopFollowing = opts.core.place.onWindowReady(() => opts.core.windowFocused());

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const dir = opts.staticDir;
    if (!dir || !existsSync(dir)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('No renderer build here. Run `npm run build:preview` first.');
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, rel);
    const isFile = file.startsWith(path.resolve(dir) + path.sep) && existsSync(file) && statSync(file).isFile();
    const target = isFile ? file : path.join(dir, 'index.html'); // single-page app: unknown paths get the app
    const headers: Record<string, string> = {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      // Vite names each asset by its content: a name never changes meaning, so the browser keeps it
      // (and Chromium its compiled code, as Electron does for app://). The page itself carries the key.
      'cache-control': isFile && rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
    };
    if (target.endsWith('index.html')) {
      // The page's own CSP plus the socket of this host; the key travels only in the page.
      headers['content-security-policy'] =
        `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src data: blob:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
      // First in the head: the boot script, which may run before the page is parsed, reads it.
      const html = readFileSync(target, 'utf8').replace('<head>', `<head>\n    <meta name="bam-host-key" content="${key}" />`);
      res.writeHead(200, headers).end(html);
      return;
    }
    res.writeHead(200, headers);
    createReadStream(target).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    if (url.pathname !== '/ipc' || url.searchParams.get('key') !== key || !origins().includes(origin)) {
      log.warn('refused a WebSocket connection', { path: url.pathname, origin });
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    // The browser's languages stand in for the system's (Electron asks the OS): the window opens in
    // them. The page says them (`languages`, as navigator.languages has them); the handshake's
    // Accept-Language is Chromium's default there, not the page's. The socket opens meanwhile; its
    // messages are answered once they apply.
    const languagesApplied = opts.core.systemLanguagesChanged(acceptedLanguages(url.searchParams.get('languages') ?? req.headers['accept-language'])).catch(() => undefined);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const id = `ws_${randomBytes(6).toString('hex')}`;
      sockets.set(id, ws);
      const sender: SenderInfo = { transport: 'websocket', id, url: origin };
      const answer = (message: z.infer<typeof MessageSchema>): void =>
        void languagesApplied
          .then(() => registry.invoke(message.channel, message.payload, sender))
          .then((envelope) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, envelope }));
          });
      // Asked in the handshake (preload/contract/preview-socket.ts); an event sent before the answer
      // makes the page ask again (early-state.ts).
      if (url.searchParams.has(FIRST_STATE_PARAM)) answer({ id: FIRST_STATE_ID, channel: INVOKE.getState });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        let message: z.infer<typeof MessageSchema>;
        try {
          message = MessageSchema.parse(JSON.parse((data as Buffer).toString('utf8')));
        } catch {
          ws.send(JSON.stringify({ id: -1, envelope: { ok: false, error: { kind: 'invalid_request', message: 'Malformed message.' } } }));
          return;
        }
        answer(message);
      });
      ws.on('close', () => sockets.delete(id));
    });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  log.info('WebSocket host listening', { port });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    key,
    registry,
    openExternal: (url) => {
      broadcast({ host: 'openExternal', url });
      return Promise.resolve();
    },
    openLink: (url) =>
      performLaunch(
        parseLaunch([url]),
        {
          showWindow: () => {},
          startReconnect: async (bridgeID, loginID, accountID) => (await opts.core.reconnect({ bridgeID, loginID, accountID })).id,
          startReconnectAll: () => opts.core.startReconnectAll(),
          navigate: (to) => broadcast({ event: EVENTS.navigate, payload: registry.event(EVENTS.navigate, to) }),
        },
        false,
      ),
    close: async () => {
      unsubscribe();
      stopFollowing();
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
