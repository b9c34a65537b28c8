/**
 * Structural sharing for views pushed by main: every part of `next` that equals the same part of
 * `prev` is replaced by `prev`'s object, so React.memo rows see the same props and skip work.
 * Main sends a whole new view on every change (IPC copies it); without this, one account changing
 * status would re-render all of them.
 */
export function keepUnchanged<T>(prev: T | null | undefined, next: T): T {
  if (prev === null || prev === undefined || prev === next) return next;
  if (typeof prev !== 'object' || typeof next !== 'object' || next === null) return Object.is(prev, next) ? prev : next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(next)) {
    const before = prev as unknown[];
    const items = (next as unknown[]).map((item, i) => keepUnchanged(before[i], item));
    return (items.length === before.length && items.every((item, i) => item === before[i]) ? prev : items) as T;
  }
  const before = prev as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  // Own keys only, and built with fromEntries: a `__proto__` key in a JSON view stays a key.
  const entries = keys.map((k) => [k, keepUnchanged(Object.hasOwn(before, k) ? before[k] : undefined, after[k])] as const);
  const same = keys.length === Object.keys(before).length && entries.every(([k, v]) => Object.hasOwn(before, k) && v === before[k]);
  return (same ? prev : Object.fromEntries(entries)) as T;
}
