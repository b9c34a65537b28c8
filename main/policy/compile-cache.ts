/**
 * Where Node's compile cache for the main process lives, if anywhere (main/index.ts turns it on
 * before the rest of main is compiled). Plain Node.
 * - In the app's own profile folder, not the OS's temp folder: that one is shared between the users
 *   of a machine, whose caches would collide.
 * - Not in an AppImage: each launch mounts the app at a new path, and the cache is keyed by path,
 *   so it would only grow.
 */
import path from 'node:path';

export function compileCacheDir(o: { userData: string; env: NodeJS.ProcessEnv }): string | null {
  if (o.env['APPIMAGE']) return null;
  return path.join(o.userData, 'compile-cache');
}
