/**
 * Which Beeper Desktop a sign-in belongs to. The token is bound to an origin (api/origin.ts), but an
 * origin on this computer is only a port: after Beeper Desktop quits, any local program can take
 * it. So a sign-in also remembers how its Beeper Desktop described itself (`/v1/info`: its name, app
 * identifier and version), and the token is sent again only to a server that still describes itself
 * the same way, at a version no older than last seen. A program that copies the description exactly
 * is not stopped by this; SECURITY.md says so.
 */
import { z } from 'zod';
import type { Info } from '../api/schemas.ts';

export const ServerIdentitySchema = z.object({ name: z.string(), bundleID: z.string().nullable(), version: z.string() });
export type ServerIdentity = z.infer<typeof ServerIdentitySchema>;

export const identityOfServer = (info: Info): ServerIdentity => ({ name: info.app.name, bundleID: info.app.bundle_id ?? null, version: info.app.version });

/**
 * Orders version strings by their numeric parts (`4.2.812` < `4.10.0`); a missing part counts as 0.
 * Anything after the numbers (a prerelease tag) is not compared.
 */
export function compareVersions(a: string, b: string): number {
  // No version at all reads as [0]: a missing part counts as 0 anyway.
  const parts = (v: string): number[] => (/\D*(\d+(?:\.\d+)*)/.exec(v)?.[1] ?? '').split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  // Stryker disable next-line EqualityOperator: equivalent, one more step compares 0 with 0
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Why the server describing itself as `now` is not the Beeper Desktop `known` was, or null when it may be. */
export function changedDesktop(known: ServerIdentity, now: ServerIdentity): string | null {
  if (now.name !== known.name) return `it calls itself “${now.name}”, not “${known.name}”`;
  if (known.bundleID !== null && now.bundleID !== known.bundleID) return 'its app identifier is not the same';
  if (compareVersions(now.version, known.version) < 0) return `its version ${now.version} is older than ${known.version}`;
  return null;
}
