/** main/core/api/client.ts: the token goes out only while it is allowed, retries included. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BeeperApi } from '../../../../main/core/api/client.ts';

let server: Server;
let baseURL: string;
let seen: Array<string | undefined>;
let answers: number[];

beforeEach(async () => {
  seen = [];
  answers = [];
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const status = answers.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"items":[]}' : '{"code":"BUSY","message":"busy"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
});

describe('BeeperApi and the token', () => {
  it('a retry after the token was withdrawn (Beeper Desktop lost) is not sent at all, so no 401 can drop the sign-in', async () => {
    let token: string | null = 'tok_first_1234567890';
    const unauthorized: unknown[] = [];
    const api = new BeeperApi({ baseURL, getToken: () => token, onUnauthorized: (e) => unauthorized.push(e), readRetries: 2 });
    answers = [503];
    const listing = api.bridges();
    // The first attempt fails; before the SDK retries, Beeper Desktop is lost and the token withdrawn.
    await new Promise<void>((r) => server.once('request', () => setImmediate(r)));
    token = null;
    await expect(listing).rejects.toMatchObject({ kind: 'not_running' });
    expect(seen).toEqual(['Bearer tok_first_1234567890']);
    expect(unauthorized).toEqual([]);
  });

  it('a retry goes out with the token allowed now, when it changed', async () => {
    let token = 'tok_first_1234567890';
    const api = new BeeperApi({ baseURL, getToken: () => token, readRetries: 2 });
    answers = [503];
    const listing = api.bridges();
    await new Promise<void>((r) => server.once('request', () => setImmediate(r)));
    token = 'tok_second_123456789';
    await expect(listing).resolves.toEqual([]);
    expect(seen).toEqual(['Bearer tok_first_1234567890', 'Bearer tok_second_123456789']);
  });

  it('without a token, requests carry none; an explicit header of its own (a pasted token being checked) is left alone', async () => {
    const api = new BeeperApi({ baseURL, getToken: () => null, readRetries: 0 });
    await api.bridges();
    await api.userinfo('/oauth/userinfo', 'tok_pasted_1234567890').catch(() => undefined);
    expect((seen[0] ?? '').replace(/^Bearer\s*/, '')).toBe('');
    expect(seen[1]).toBe('Bearer tok_pasted_1234567890');
  });
});
