/** main/core/lookup.ts: a table's own entries only. */
import { describe, expect, it } from 'vitest';
import { lookup } from '../../../main/core/lookup.ts';

describe('lookup', () => {
  const table = { qr: 'QR code', 'm.image': 'picture', undefined: 'a key named undefined' };
  it('finds a key of the table', () => {
    expect(lookup(table, 'qr')).toBe('QR code');
    expect(lookup(table, 'm.image')).toBe('picture');
  });
  it('finds nothing for a missing key, an inherited one, or no key at all', () => {
    for (const key of ['code', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '']) expect(lookup(table, key), key).toBeUndefined();
    expect(lookup(table, undefined)).toBeUndefined();
    expect(lookup(table, null)).toBeUndefined();
  });
});
