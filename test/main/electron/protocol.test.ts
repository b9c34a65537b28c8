/** main/electron/protocol.ts: the app:// protocol serves the renderer's files and nothing else. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));

const { registerAppScheme, resolveAppFile } = await import('../../../main/electron/protocol.ts');

beforeEach(() => fake.resetFakes());

describe('app:// protocol', () => {
  it('is a standard, secure scheme whose scripts V8 caches compiled (Electron: codeCache needs standard)', () => {
    fake.protocol.privileged.length = 0;
    registerAppScheme();
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('serves only files inside the renderer folder', () => {
    expect(resolveAppFile('/app/renderer', 'app://bundle/')).toBe('/app/renderer/index.html');
    expect(resolveAppFile('/app/renderer', 'app://bundle/assets/x.js')).toBe('/app/renderer/assets/x.js');
    expect(resolveAppFile('/app/renderer', 'app://bundle/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://other/index.html')).toBeNull();
  });

  it('never serves the folder itself, and a malformed escape is a 404, not an exception', () => {
    expect(resolveAppFile('/app/renderer', 'app://bundle/.%2f')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://bundle/%E0%A4%A')).toBeNull();
    expect(resolveAppFile('/app/renderer', 'app://bundle/x%00.js')).toBeNull();
  });
});
