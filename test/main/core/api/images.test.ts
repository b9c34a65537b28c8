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
    const hop = /^\/r(\d)$/.exec(req.url ?? '');
    if (hop) return res.writeHead(302, { location: Number(hop[1]) >= 3 ? '/ok.svg' : `/r${Number(hop[1]) + 1}` }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (req.url === '/s300') return res.writeHead(300, { location: '/ok.svg' }).end();
    if (req.url === '/s400') return res.writeHead(400, { location: '/ok.svg', 'content-type': 'image/svg+xml' }).end(SVG);
    if (req.url === '/with-location') return res.writeHead(200, { location: '/html', 'content-type': 'image/svg+xml' }).end(SVG);
    if (req.url === '/spaced') return res.writeHead(200, { 'content-type': 'image/svg+xml ; charset=utf-8' }).end(SVG);
    if (req.url === '/x-type') return res.writeHead(200, { 'content-type': 'x-image/png' }).end('x');
    if (req.url === '/pngx') return res.writeHead(200, { 'content-type': 'image/pngx' }).end('x');
    if (req.url === '/exact') return res.writeHead(200, { 'content-type': 'image/png', 'content-length': '1000' }).end(Buffer.alloc(1000, 7));
    if (req.url === '/unsized') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(1000, 7));
    if (req.url === '/300k') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(300 * 1024, 7));
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

describe('fetchImage at its limits', () => {
  const svg = `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`;

  it('follows up to three redirects on its origin, not four, and a loop ends', async () => {
    expect(await fetchImage('/r1', { baseURL: apiURL })).toBe(svg); // r1 → r2 → r3 → ok: three hops
    expect(await fetchImage('/r0', { baseURL: apiURL })).toBeNull(); // four
    expect(await fetchImage('/r0', { baseURL: apiURL, maxRedirects: 4 })).toBe(svg);
    expect(await fetchImage('/loop', { baseURL: apiURL })).toBeNull();
  });

  it('a redirect is a 3xx with a Location: 300 is one, 400 and a 200 with a Location are not', async () => {
    expect(await fetchImage('/s300', { baseURL: apiURL })).toBe(svg);
    expect(await fetchImage('/s400', { baseURL: apiURL })).toBeNull();
    expect(await fetchImage('/with-location', { baseURL: apiURL })).toBe(svg);
  });

  it('reads the content type strictly: spaces around it are fine, other types and prefixes are not', async () => {
    expect(await fetchImage('/spaced', { baseURL: apiURL })).toBe(svg);
    expect(await fetchImage('/x-type', { baseURL: apiURL })).toBeNull();
    expect(await fetchImage('/pngx', { baseURL: apiURL })).toBeNull();
  });

  it('takes a picture of exactly the byte cap, declared or not; the default cap is 256 KB', async () => {
    const expected = `data:image/png;base64,${Buffer.alloc(1000, 7).toString('base64')}`;
    expect(await fetchImage('/exact', { baseURL: apiURL, maxBytes: 1000 })).toBe(expected);
    expect(await fetchImage('/unsized', { baseURL: apiURL, maxBytes: 1000 })).toBe(expected);
    expect(await fetchImage('/unsized', { baseURL: apiURL, maxBytes: 999 })).toBeNull();
    expect(await fetchImage('/exact', { baseURL: apiURL, maxBytes: 999 })).toBeNull();
    expect(await fetchImage('/300k', { baseURL: apiURL })).toBeNull();
  });

  it('an inline picture: up to 512 KB, the whole string a data: image', () => {
    const head = 'data:image/png;base64,';
    const exact = head + 'A'.repeat(512 * 1024 - head.length);
    expect(safeImageDataURL(exact)).toBe(exact);
    expect(safeImageDataURL(`${exact}A`)).toBeNull();
    for (const bad of [' data:image/png;base64,AAAA', 'data:image/png;base64,AAAA!', 'xdata:image/png;base64,AAAA', '', undefined]) expect(safeImageDataURL(bad), String(bad)).toBeNull();
  });

  it('whether a reference may be fetched is read from its start: a colon later in a path is no scheme', () => {
    expect(isFetchableImageURL('/assets/a:b.png')).toBe(true);
    expect(isFetchableImageURL('xhttps://a.example/x.png')).toBe(false);
  });
});
