/** renderer/src/keep-unchanged.ts: a new view equal to the old one where it can be, object for object. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../../../renderer/src/keep-unchanged.ts';

const json = fc.jsonValue({ maxDepth: 4 });

describe('keepUnchanged', () => {
  it('always returns a value equal to the new one', () => {
    fc.assert(
      fc.property(json, json, (prev, next) => {
        expect(keepUnchanged(prev, structuredClone(next))).toEqual(next);
      }),
    );
  });

  it('returns the old object itself when nothing changed (a copy made by IPC)', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(keepUnchanged(v, structuredClone(v))).toBe(v);
      }),
    );
  });

  it('keeps every unchanged row and replaces only the one that changed', () => {
    const view = { networks: [{ id: 'a', logins: [{ id: 1, status: 'connected' }, { id: 2, status: 'connected' }] }, { id: 'b', logins: [{ id: 3, status: 'connected' }] }] };
    const next = structuredClone(view);
    next.networks[0]!.logins[1]!.status = 'needs_login';
    const kept = keepUnchanged(view, next);
    expect(kept).not.toBe(view);
    expect(kept.networks[1]).toBe(view.networks[1]);
    expect(kept.networks[0]!.logins[0]).toBe(view.networks[0]!.logins[0]);
    expect(kept.networks[0]!.logins[1]).toEqual({ id: 2, status: 'needs_login' });
  });

  it('a `__proto__` key in a view (JSON.parse makes it an own key) is kept as a key, and the object reused', () => {
    const prev = JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as Record<string, unknown>;
    expect(keepUnchanged(prev, JSON.parse('{"__proto__": {"a": 1}, "b": 2}'))).toBe(prev);
    const changed = keepUnchanged(prev, JSON.parse('{"__proto__": {"a": 2}, "b": 2}'));
    expect(Object.hasOwn(changed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(changed)).toBe(Object.prototype);
    expect(JSON.stringify(changed)).toBe('{"__proto__":{"a":2},"b":2}');
  });

  it('takes the new value when the shape changes (added or removed keys, array ↔ object)', () => {
    expect(keepUnchanged({ a: 1 }, { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(keepUnchanged({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(keepUnchanged([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(keepUnchanged(null, { a: 1 })).toEqual({ a: 1 });
  });
});
