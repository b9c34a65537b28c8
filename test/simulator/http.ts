/** A small router and the request/response helpers the simulator's routes share. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { Codes, SimError } from './errors.ts';

/** `token`: any valid bearer token; `read`/`write`: a token with that scope. */
export type AuthLevel = 'none' | 'token' | 'read' | 'write';

export interface Reply {
  status?: number;
  headers?: Record<string, string | string[]>;
  json?: unknown;
  /** Raw body (HTML, SVG, text). */
  body?: string;
  contentType?: string;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** `http://host:port` as the client addressed us. */
  baseURL: string;
  /** Parsed body: JSON object, form fields, or undefined when empty. */
  body: () => Promise<unknown>;
  /** The token record for bearer-authenticated routes. */
  tokenID?: string | undefined;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path template, e.g. `/v1/bridges/:bridgeID/logins`. */
  path: string;
  auth: AuthLevel;
  /** Subject to fault injection (API and OAuth routes, not test control or sign-in pages). */
  faultable: boolean;
  handler(ctx: RequestContext): Promise<Reply> | Reply;
}

export const routeID = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
  const parts = pathname.split('/');
  for (const route of routes) {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
    const tpl = route.path.split('/');
    if (tpl.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < tpl.length; i++) {
      const t = tpl[i]!;
      const p = parts[i]!;
      if (t.startsWith(':')) {
        if (p === '') {
          ok = false;
          break;
        }
        try {
          params[t.slice(1)] = decodeURIComponent(p);
        } catch {
          ok = false;
          break;
        }
      } else if (t !== p) {
        ok = false;
        break;
      }
    }
    if (ok) return { route, params };
  }
  return null;
}

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SimError(413, Codes.INVALID_REQUEST, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw.trim() === '') return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new SimError(400, Codes.INVALID_REQUEST, 'Request body is not valid JSON');
  }
}

/** Validates a request body; failures become 422 with `details.issues` (docs/beeper-desktop-api.md §5.1). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw new SimError(422, Codes.VALIDATION_ERROR, 'Request validation failed', {
    issues: result.error.issues.map((i) => ({ code: i.code, message: i.message, path: ['body', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))] })),
  });
}

export const html = (body: string, status = 200): Reply => ({
  status,
  body,
  contentType: 'text/html; charset=utf-8',
  headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:" },
});

export const escapeHTML = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function sendReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | string[]> = { ...extraHeaders, ...(reply.headers ?? {}) };
  let payload: string | undefined;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = reply.body;
    headers['content-type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}
