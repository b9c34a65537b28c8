import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../../main/policy/compile-cache.ts';

describe('where the main process keeps its compile cache', () => {
  it('in the app’s own profile folder', () => {
    expect(compileCacheDir({ userData: '/home/a/.config/Beeper Account Manager', env: {} })).toBe(path.join('/home/a/.config/Beeper Account Manager', 'compile-cache'));
  });

  it('nowhere in an AppImage, which each launch mounts at a new path', () => {
    expect(compileCacheDir({ userData: '/home/a/.config/x', env: { APPIMAGE: '/home/a/App.AppImage' } })).toBeNull();
  });
});
