/** main/core/api/discovery.ts: finding Beeper Desktop among the candidate addresses. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { candidateURLs, discover, normalizeBaseURL, PROBE_PORTS } from '../../../../main/core/api/discovery.ts';
import { startSimulator } from '../../../simulator/index.ts';
import { answeringAfter } from '../../../support/fetch-stubs.ts';

describe('discovery', () => {
  it('orders candidates: configured first, then each port on 127.0.0.1 and localhost', () => {
    const c = candidateURLs('http://localhost:23373/some/path', [23373, 23374]);
    expect(c).toEqual(['http://localhost:23373', 'http://127.0.0.1:23373', 'http://127.0.0.1:23374', 'http://localhost:23374']);
    expect(candidateURLs(null)).toHaveLength(40);
    expect(normalizeBaseURL('ftp://x')).toBeNull();
    // Beeper Desktop's port and the 19 after it, as beeper/cli probes them.
    expect(PROBE_PORTS).toEqual(Array.from({ length: 20 }, (_, i) => 23373 + i));
    expect(candidateURLs('', [1])).toEqual(['http://127.0.0.1:1', 'http://localhost:1']);
    expect(candidateURLs('http://192.0.2.1:5', [1])).toEqual(['http://127.0.0.1:1', 'http://localhost:1']); // a remote plain-http address is never probed
  });

  it('finds Beeper Desktop on a later port and reports what it tried', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      const r = await discover({ configured: 'http://127.0.0.1:9', ports: [9, sim.port], probeTimeoutMs: 500 });
      expect(r).toMatchObject({ status: 'running', baseURL: `http://127.0.0.1:${sim.port}`, appState: 'ready', info: { app: { name: 'Beeper' } } });
      expect(r.tried).toEqual(['http://127.0.0.1:9', 'http://localhost:9', `http://127.0.0.1:${sim.port}`]);
    } finally {
      await sim.stop();
    }
  });

  it('says "not running" when nothing answers, and "not Beeper" when something else does', async () => {
    const nothing = await discover({ ports: [9], probeTimeoutMs: 200 });
    expect(nothing).toMatchObject({ status: 'not-running', error: { kind: 'not_running', message: 'Beeper Desktop is not running, or its API is turned off (Settings → Developers).' }, tried: ['http://127.0.0.1:9', 'http://localhost:9'] });

    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const port = (other.address() as AddressInfo).port;
      const r = await discover({ configured: `http://127.0.0.1:${port}`, ports: [], probeTimeoutMs: 500 });
      expect(r).toMatchObject({ status: 'not-running', error: { kind: 'invalid_response', code: 'NOT_BEEPER', message: `Something at http://127.0.0.1:${port} answered, but not like the Beeper Desktop API.` } });
    } finally {
      other.close();
    }
  });

  it('gives up on a server that hangs after the probe timeout', async () => {
    const hang = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      const port = (hang.address() as AddressInfo).port;
      const started = Date.now();
      const r = await discover({ configured: `http://127.0.0.1:${port}`, ports: [], probeTimeoutMs: 300 });
      expect(r.status).toBe('not-running');
      expect(Date.now() - started).toBeLessThan(3_000);
      // Without a timeout of its own, a probe gives up after half a second.
      const defaulted = Date.now();
      expect((await discover({ configured: `http://127.0.0.1:${port}`, ports: [] })).status).toBe('not-running');
      expect(Date.now() - defaulted).toBeLessThan(3_000);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it('probes without a token; a server whose sign-in state cannot be read is running, in an unknown state', async () => {
    const seen: Array<string | undefined> = [];
    const bare = createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === '/v1/info') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ app: { name: 'Beeper', version: '4' }, server: { status: 'running' }, endpoints: { oauth: { authorization_endpoint: '/a', token_endpoint: '/t' } } }));
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"X","message":"x"}');
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const port = (bare.address() as AddressInfo).port;
      const r = await discover({ configured: `http://127.0.0.1:${port}`, ports: [], probeTimeoutMs: 500 });
      expect(r).toMatchObject({ status: 'running', appState: 'unknown' });
      expect(seen.every((a) => !a || a === 'Bearer')).toBe(true);
    } finally {
      bare.close();
    }
  });
});

describe('discover, its defaults', () => {
  it('a probe waits half a second by default, through the fetch it is given', async () => {
    const seen: string[] = [];
    const answer = answeringAfter(1_500);
    const slow: typeof fetch = (input, init) => (seen.push(String(input instanceof Request ? input.url : input)), answer(input, init));
    const result = await discover({ ports: [1], fetch: slow });
    expect(result).toMatchObject({ status: 'not-running', error: { kind: 'not_running' } });
    expect(seen.length).toBeGreaterThan(0);
  });
});
