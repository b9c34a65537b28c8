/** Pictures from Beeper Desktop: only its own origin or data: URLs, no cross-origin redirects, a streamed byte cap. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchImage, isFetchableImageURL, safeImageDataURL } from '../../../../main/core/api/images.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>';
let api: Server;
let other: Server;
let apiURL: string;
let otherURL: string;
let otherHits: string[];
let bigSent = 0;

const listen = async (s: Server): Promise<string> => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  other = createServer((req, res) => {
    otherHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
  });
  otherURL = await listen(other);
  api = createServer((req, res) => {
    if (req.url === '/ok.svg') return res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8' }).end(SVG);
    if (req.url === '/away') return res.writeHead(302, { location: `${otherURL}/x.svg` }).end();
    if (req.url === '/here') return res.writeHead(302, { location: '/ok.svg' }).end();
    if (req.url === '/html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>');
    if (req.url === '/declared-big') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(10 * 1024 * 1024) }).end();
    if (req.url === '/streamed-big') {
      // No content-length: only reading tells how big it is. Sends up to 8 MB unless the client stops.
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const more = (): void => {
        while (bigSent < 8 * 1024 * 1024) {
          bigSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      return more();
    }
    res.writeHead(404).end();
  });
  apiURL = await listen(api);
});
afterAll(async () => {
  await Promise.all([new Promise((r) => api.close(r)), new Promise((r) => other.close(r))]);
});
beforeEach(() => {
  otherHits = [];
  bigSent = 0;
});

describe('fetchImage', () => {
  it('fetches from Beeper Desktop’s own origin, following a same-origin redirect', async () => {
    const expected = `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`;
    expect(await fetchImage(`${apiURL}/ok.svg`, { baseURL: apiURL })).toBe(expected);
    expect(await fetchImage('/here', { baseURL: apiURL })).toBe(expected);
  });

  it('never fetches another origin, directly or through a redirect', async () => {
    expect(await fetchImage(`${otherURL}/x.svg`, { baseURL: apiURL })).toBeNull();
    expect(await fetchImage(`${apiURL}/away`, { baseURL: apiURL })).toBeNull();
    expect(otherHits).toEqual([]);
  });

  it('refuses what is not a picture, and what is too big — declared or streamed — without reading it all', async () => {
    expect(await fetchImage(`${apiURL}/html`, { baseURL: apiURL })).toBeNull();
    expect(await fetchImage(`${apiURL}/declared-big`, { baseURL: apiURL })).toBeNull();
    expect(await fetchImage(`${apiURL}/streamed-big`, { baseURL: apiURL, maxBytes: 256 * 1024 })).toBeNull();
    expect(bigSent).toBeLessThan(8 * 1024 * 1024);
  });

  it('takes inline pictures as they are, and only pictures', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(await fetchImage(png, { baseURL: apiURL })).toBe(png);
    expect(await fetchImage('data:text/html;base64,PHA+', { baseURL: apiURL })).toBeNull();
    expect(await fetchImage('mxc://beeper.com/x', { baseURL: apiURL })).toBeNull();
    expect(safeImageDataURL('data:image/svg+xml;base64,@@')).toBeNull();
  });
});

describe('isFetchableImageURL', () => {
  it('http(s) and references without a scheme may be fetched (from the API origin only); other schemes may not', () => {
    for (const url of ['https://x.example/a.png', 'HTTP://127.0.0.1/a.png', '/v1/assets/fox.png', 'fox.png', '//other.example/a.png']) expect(isFetchableImageURL(url), url).toBe(true);
    for (const url of ['mxc://beeper.com/x', 'file:///etc/passwd', 'data:image/png;base64,AAAA', 'javascript:alert(1)', 'httpx://a']) expect(isFetchableImageURL(url), url).toBe(false);
  });

  it('a protocol-relative reference to another host is resolved, then refused by the origin rule', async () => {
    expect(await fetchImage(`//${new URL(otherURL).host}/x.svg`, { baseURL: apiURL })).toBeNull();
    expect(otherHits).toEqual([]);
  });
});
