/**
 * Where the access token lives. It is encrypted with an injected cipher (Electron's `safeStorage`
 * in the app) before it touches disk, and the record says which backend wrote it. When the only
 * backend is insecure (Linux `basic_text`, or no encryption at all) the token is kept for this run
 * only — unless the user explicitly allowed storing it unencrypted — and `status()` says why.
 * The token never leaves this module except through `token()` to the API client.
 */
import { z } from 'zod';
import type { Logger } from '../log.ts';
import type { SafeStore } from '../storage/store.ts';

export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
  /** The OS backend in use: safeStorage.getSelectedStorageBackend() on Linux, 'keychain' / 'dpapi' elsewhere. */
  backend(): string;
}

/** Backends that do not protect the token from other programs running as the user. */
export const INSECURE_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown', 'none']);

export type TokenSource = 'oauth' | 'manual';

export interface StoredAuth {
  accessToken: string;
  expiresAt: number | null;
  scope: string | null;
  source: TokenSource;
}

export interface StorageStatus {
  /** The token survives a restart. */
  persistent: boolean;
  /** Which backend protects it: an OS keychain name, 'plaintext' (user allowed), or 'memory'. */
  backend: string;
  /** The OS offers no secure storage and the user has not decided yet. */
  needsConsent: boolean;
  reason?: string;
}

const RecordSchema = z.object({
  version: z.literal(1),
  baseURL: z.string(),
  /** 'plaintext' when the user allowed it; otherwise the cipher backend that encrypted `data`. */
  backend: z.string(),
  data: z.string(), // base64
  expiresAt: z.number().nullable(),
  scope: z.string().nullable(),
  source: z.enum(['oauth', 'manual']),
  savedAt: z.number(),
});
type TokenRecord = z.infer<typeof RecordSchema>;

const ClientsSchema = z.record(z.string(), z.string());

export class CredentialVault {
  private readonly store: SafeStore;
  private readonly cipher: Cipher | null;
  private readonly allowPlaintext: () => boolean;
  private readonly log: Logger | undefined;
  /** The token of this run, whether or not it could be persisted. */
  private current: (StoredAuth & { baseURL: string }) | null = null;
  private lastProblem: string | undefined;

  constructor(opts: { store: SafeStore; cipher: Cipher | null; allowPlaintext: () => boolean; log?: Logger }) {
    this.store = opts.store;
    this.cipher = opts.cipher;
    this.allowPlaintext = opts.allowPlaintext;
    this.log = opts.log;
  }

  private secureBackend(): string | null {
    if (!this.cipher) return null;
    try {
      if (!this.cipher.isEncryptionAvailable()) return null;
      const backend = this.cipher.backend();
      return INSECURE_BACKENDS.has(backend) ? null : backend;
    } catch {
      return null;
    }
  }

  private insecureReason(): string {
    if (!this.cipher) return 'This system offers no encrypted storage for the sign-in.';
    let backend = 'unknown';
    try {
      backend = this.cipher.isEncryptionAvailable() ? this.cipher.backend() : 'none';
    } catch {
      // keep 'unknown'
    }
    return backend === 'basic_text'
      ? 'No keyring (such as GNOME Keyring or KWallet) is available, so the sign-in could only be stored unencrypted.'
      : 'Encrypted storage is not available on this system, so the sign-in could only be stored unencrypted.';
  }

  status(): StorageStatus {
    const secure = this.secureBackend();
    if (secure) return { persistent: true, backend: secure, needsConsent: false };
    if (this.allowPlaintext()) return { persistent: true, backend: 'plaintext', needsConsent: false, reason: this.insecureReason() };
    return { persistent: false, backend: 'memory', needsConsent: true, reason: `${this.insecureReason()} It is kept only until you quit.` };
  }

  /** Why a stored token could not be used (decryption failed, backend changed), once. */
  takeProblem(): string | undefined {
    const p = this.lastProblem;
    this.lastProblem = undefined;
    return p;
  }

  // ---------------------------------------------------------------- token

  load(baseURL: string): StoredAuth | null {
    if (this.current?.baseURL === baseURL) return this.current;
    const parsed = RecordSchema.safeParse(this.store.get('token'));
    if (!parsed.success) {
      if (this.store.get('token') !== undefined) {
        this.log?.warn('stored sign-in record is malformed; ignoring it');
        this.store.delete('token');
      }
      return null;
    }
    const record = parsed.data;
    if (record.baseURL !== baseURL) return null;
    const token = this.decrypt(record);
    if (!token) {
      this.store.delete('token');
      return null;
    }
    this.current = { baseURL, accessToken: token, expiresAt: record.expiresAt, scope: record.scope, source: record.source };
    return this.current;
  }

  private decrypt(record: TokenRecord): string | null {
    if (record.backend === 'plaintext') {
      if (!this.allowPlaintext()) {
        this.lastProblem = 'The saved sign-in was stored unencrypted, which is no longer allowed. Connect again.';
        return null;
      }
      return Buffer.from(record.data, 'base64').toString('utf8');
    }
    const now = this.secureBackend();
    if (now !== record.backend) {
      this.lastProblem = `The saved sign-in was encrypted with ${record.backend}, which is not available now. Connect again.`;
      this.log?.warn('stored sign-in was written by another storage backend', { wrote: record.backend, now: now ?? 'none' });
      return null;
    }
    try {
      return this.cipher!.decryptString(Buffer.from(record.data, 'base64'));
    } catch (e) {
      this.lastProblem = 'The saved sign-in could not be decrypted. Connect again.';
      this.log?.warn('stored sign-in could not be decrypted', { error: e });
      return null;
    }
  }

  /** Keeps the token for this run and persists it when that is safe or allowed. */
  save(baseURL: string, auth: StoredAuth): StorageStatus {
    this.current = { baseURL, ...auth };
    this.persist();
    return this.status();
  }

  /** Writes the current token to disk if the storage status allows; removes it from disk otherwise. */
  persist(): void {
    const c = this.current;
    if (!c) return;
    const secure = this.secureBackend();
    let backend: string;
    let data: string;
    if (secure) {
      backend = secure;
      data = this.cipher!.encryptString(c.accessToken).toString('base64');
    } else if (this.allowPlaintext()) {
      backend = 'plaintext';
      data = Buffer.from(c.accessToken, 'utf8').toString('base64');
    } else {
      this.store.delete('token');
      return;
    }
    const record: TokenRecord = { version: 1, baseURL: c.baseURL, backend, data, expiresAt: c.expiresAt, scope: c.scope, source: c.source, savedAt: Date.now() };
    this.store.set('token', record);
  }

  clear(): void {
    this.current = null;
    this.store.delete('token');
  }

  // ---------------------------------------------------------------- OAuth client IDs (kept for re-authorization)

  clientID(baseURL: string): string | null {
    const clients = ClientsSchema.safeParse(this.store.get('clients'));
    return clients.success ? (clients.data[baseURL] ?? null) : null;
  }

  setClientID(baseURL: string, clientID: string | null): void {
    const parsed = ClientsSchema.safeParse(this.store.get('clients'));
    const clients = parsed.success ? { ...parsed.data } : {};
    if (clientID) clients[baseURL] = clientID;
    else delete clients[baseURL];
    this.store.set('clients', clients);
  }
}
