/** Where the token may go: loopback-only plain http, and endpoints on the API's own origin. */
import { describe, expect, it } from 'vitest';
import { normalizeBaseURL } from '../../../../main/core/api/discovery.ts';
import { checkServerAddress, sameOriginEndpoint } from '../../../../main/core/api/origin.ts';

describe('server addresses', () => {
  it('plain http:// only to this computer; https:// anywhere; nothing else', () => {
    expect(checkServerAddress('http://localhost:23373/x')).toBe('http://localhost:23373');
    expect(checkServerAddress('http://127.0.0.5:9')).toBe('http://127.0.0.5:9');
    expect(checkServerAddress('http://[::1]:23373')).toBe('http://[::1]:23373');
    expect(checkServerAddress('https://desk.example.com')).toBe('https://desk.example.com');
    expect(() => checkServerAddress('http://192.0.2.10:23373')).toThrow(/https:\/\//);
    for (const bad of ['http://192.0.2.10:23373', 'ftp://localhost', 'not a url']) expect(() => checkServerAddress(bad)).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    expect(() => checkServerAddress('http://localhost.evil.example')).toThrow(/https:\/\//);
    expect(() => checkServerAddress('ftp://localhost')).toThrow(/address like/);
    expect(() => checkServerAddress('not a url')).toThrow(/address like/);
  });

  it('discovery never probes a remote plain-http address (from settings or the environment)', () => {
    expect(normalizeBaseURL('http://192.0.2.10:23373')).toBeNull();
    expect(normalizeBaseURL('http://localhost:23373/path')).toBe('http://localhost:23373');
  });
});

describe('endpoints Beeper Desktop names', () => {
  it('resolve against the API address and must stay on its origin', () => {
    expect(sameOriginEndpoint('http://127.0.0.1:23373', undefined, '/oauth/userinfo')).toBe('http://127.0.0.1:23373/oauth/userinfo');
    expect(sameOriginEndpoint('http://127.0.0.1:23373', '/oauth/token', '/x')).toBe('http://127.0.0.1:23373/oauth/token');
    expect(sameOriginEndpoint('http://127.0.0.1:23373', 'http://127.0.0.1:23373/oauth/token', '/x')).toBe('http://127.0.0.1:23373/oauth/token');
    for (const other of ['http://127.0.0.1:23374/oauth/token', 'https://127.0.0.1:23373/oauth/token', 'http://evil.example/oauth', '//evil.example/x']) {
      expect(() => sameOriginEndpoint('http://127.0.0.1:23373', other, '/x')).toThrow(/another server/);
      expect(() => sameOriginEndpoint('http://127.0.0.1:23373', other, '/x')).toThrow(expect.objectContaining({ kind: 'sign_in_failed', code: 'CROSS_ORIGIN_ENDPOINT' }));
    }
  });
});
