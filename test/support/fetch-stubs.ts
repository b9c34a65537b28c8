/** A `fetch` that answers after a delay, or never, and gives up the way fetch does when its request is aborted. */
export function answeringAfter(ms: number, body: unknown = {}): typeof fetch {
  return (_input, init) =>
    new Promise((resolve, reject) => {
      const stop = (): void => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      if (init?.signal?.aborted) return stop();
      const t = Number.isFinite(ms) ? setTimeout(() => resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })), ms) : undefined;
      init?.signal?.addEventListener('abort', () => (clearTimeout(t), stop()));
    });
}
