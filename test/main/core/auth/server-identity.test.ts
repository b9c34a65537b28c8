/** main/core/auth/server-identity.ts: is the server at Beeper Desktop's address still that Beeper Desktop? */
import { describe, expect, it } from 'vitest';
import { changedDesktop, compareVersions, identityOfServer, ServerIdentitySchema } from '../../../../main/core/auth/server-identity.ts';
import { InfoSchema } from '../../../../main/core/api/schemas.ts';

const known = { name: 'Beeper', bundleID: 'com.automattic.beeper.desktop', version: '4.2.812' };

describe('compareVersions', () => {
  it.each([
    ['4.2.812', '4.2.812', 0],
    ['4.2.813', '4.2.812', 1],
    ['4.10.0', '4.9.99', 1],
    ['4.2', '4.2.0', 0],
    ['4.2', '4.2.1', -1],
    ['v5.0.0-beta.1', '4.99.0', 1],
    ['4.2.812-beta', '4.2.812', 0],
    ['nonsense', '0', 0],
    ['3.0.0', '4.0.0', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('changedDesktop', () => {
  it('the same Beeper Desktop, or a newer version of it, may have the token', () => {
    expect(changedDesktop(known, known)).toBeNull();
    expect(changedDesktop(known, { ...known, version: '4.3.0' })).toBeNull();
    // A sign-in remembered before the app identifier was known: the name and version still count.
    expect(changedDesktop({ ...known, bundleID: null }, { ...known, bundleID: 'x' })).toBeNull();
  });

  it('another name, another app identifier (or none), or an older version may not, and says why', () => {
    expect(changedDesktop(known, { ...known, name: 'Not Beeper' })).toMatch(/calls itself “Not Beeper”, not “Beeper”/);
    expect(changedDesktop(known, { ...known, bundleID: 'com.evil.app' })).toMatch(/app identifier/);
    expect(changedDesktop(known, { ...known, bundleID: null })).toMatch(/app identifier/);
    expect(changedDesktop(known, { ...known, version: '4.2.811' })).toMatch(/4\.2\.811 is older than 4\.2\.812/);
  });

  it('reads the identity from /v1/info', () => {
    const info = InfoSchema.parse({ app: { name: 'Beeper', version: '4.2.812' }, server: { status: 'running' }, endpoints: { oauth: { authorization_endpoint: '/a', token_endpoint: '/t' } } });
    expect(identityOfServer(info)).toEqual({ name: 'Beeper', bundleID: null, version: '4.2.812' });
  });
});

describe('server identity, exactly', () => {
  it('a number of several digits is one part', () => {
    expect(compareVersions('10.0.0', '9.9.9')).toBe(1);
    expect(compareVersions('4.2.100', '4.2.99')).toBe(1);
  });

  it('the remembered identity keeps every field', () => {
    expect(ServerIdentitySchema.parse(known)).toEqual(known);
    expect(ServerIdentitySchema.parse({ ...known, bundleID: null })).toEqual({ ...known, bundleID: null });
  });
});
