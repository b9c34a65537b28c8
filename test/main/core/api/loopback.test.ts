/** Loopback addresses: whole names only. */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../../main/core/api/loopback.ts';

describe('loopback hosts', () => {
  it('knows loopback hosts', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1', '128.0.0.1', 'localhost.example', '::2', '127.0.0.1.evil.example']) expect(isLoopbackHost(h)).toBe(false);
    // Whole names only: brackets only around the whole address, 127 only at the start, octets of up to three digits.
    for (const h of [':[:1', '::]1', 'x127.0.0.1', '1127.0.0.1', '127.0.0.1000']) expect(isLoopbackHost(h), h).toBe(false);
    for (const h of ['127.10.200.1', '127.255.255.254']) expect(isLoopbackHost(h), h).toBe(true);
  });
});
