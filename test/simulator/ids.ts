import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function toBase62(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62[(bytes[i % bytes.length] ?? 0) % 62];
  return out;
}

/** Opaque random ID with a prefix, e.g. `ls_…` for login sessions. */
export const randomID = (prefix: string, length = 22): string => prefix + toBase62(randomBytes(length), length);

/**
 * Deterministic bridge login ID (`ba_…`, 27 chars like the SDK examples) derived from the remote
 * identity: logging in again as the same remote account yields the same login, as in bridgev2.
 */
export const loginIDFor = (bridgeID: string, remoteKey: string): string =>
  'ba_' + toBase62(createHash('sha256').update(`${bridgeID}\u0000${remoteKey}`).digest(), 27);

/** A small stable number from a string, for picking names and avatars. */
export const stableIndex = (key: string, modulo: number): number =>
  createHash('sha256').update(key).digest().readUInt32BE(0) % modulo;

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTVWXYZ123456789';
/** WhatsApp-style 8-character pairing code, shown as `ABCD-EFGH`. */
export function pairingCode(): string {
  const b = randomBytes(8);
  let s = '';
  for (const byte of b) s += PAIRING_ALPHABET[byte % PAIRING_ALPHABET.length];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}
