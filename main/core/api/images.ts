/** Pictures from Beeper Desktop reach the renderer only as data: URLs: its Content-Security-Policy loads nothing remote. */

/** The URL itself when it is an inline picture of a kind the renderer may show (at most 512 KB), else null. */
export function safeImageDataURL(url: string | undefined): string | null {
  return url && url.length <= 512 * 1024 && /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : null;
}

/**
 * Whether `fetchImage` may be asked for it: an http(s) URL, or a reference without a scheme (a path on
 * Beeper Desktop, which the SDK types only as a string). `fetchImage` resolves it against the API's
 * origin and fetches nothing from any other origin; other schemes (mxc:, file:) cannot be fetched.
 */
export function isFetchableImageURL(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme === undefined || /^https?$/i.test(scheme);
}

const IMAGE_TYPE = /^image\/(png|jpeg|gif|webp|svg\+xml)$/;

/**
 * A picture Beeper Desktop points at (the emoji to tap), as a data: URL for the renderer, or null.
 * Only a data: URL or Beeper Desktop's own origin: nothing else is fetched, redirects to another
 * origin are not followed, and the body is read only up to `maxBytes`.
 */
export async function fetchImage(
  url: string,
  opts: { baseURL: string; fetch?: typeof fetch; maxBytes?: number; timeoutMs?: number; maxRedirects?: number },
): Promise<string | null> {
  if (url.startsWith('data:')) return safeImageDataURL(url);
  try {
    const res = await fetchSameOrigin(new URL(url, opts.baseURL), opts);
    return res && (await asImageDataURL(res, opts.maxBytes ?? 256 * 1024));
  } catch {
    return null;
  }
}

/** The answer at `target`, following redirects only within Beeper Desktop's origin; null when one leaves it or they go on too long. */
async function fetchSameOrigin(target: URL, opts: { baseURL: string; fetch?: typeof fetch; timeoutMs?: number; maxRedirects?: number }): Promise<Response | null> {
  const origin = new URL(opts.baseURL).origin;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 5_000);
  for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
    if (target.origin !== origin) return null;
    const res = await (opts.fetch ?? fetch)(target, { signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return res;
    await res.body?.cancel();
    target = new URL(location, target);
  }
  return null;
}

/** An image answer of a kind the renderer may show and at most `maxBytes`, as a data: URL; anything else is dropped unread. */
async function asImageDataURL(res: Response, maxBytes: number): Promise<string | null> {
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (!res.ok || !IMAGE_TYPE.test(type) || declared > maxBytes || !res.body) {
    await res.body?.cancel();
    return null;
  }
  const body = await readAtMost(res.body, maxBytes);
  return body ? `data:${type};base64,${body.toString('base64')}` : null;
}

/** The whole stream if it fits in `max` bytes; otherwise stops reading and returns null. */
async function readAtMost(stream: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
