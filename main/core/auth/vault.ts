/**
 * Where the access token lives. It is encrypted with an injected cipher (Electron's asynchronous
 * `safeStorage` API in the app) before it touches disk, and the record says which backend wrote it. When the only
 * backend is insecure (Linux `basic_text`, or no encryption at all) the token is kept for this run
 * only — unless the user explicitly allowed storing it unencrypted — and `status()` says why.
 * The token leaves this module only through `tokenFor()`, to the sign-in manager that gives it to the API client.
 */
import { z } from 'zod';
import type { Logger } from '../log.ts';
import type { SafeStore } from '../storage/store.ts';
import { ServerIdentitySchema, type ServerIdentity } from './server-identity.ts';
import { t } from '../i18n.ts';

/** The shape of Electron's asynchronous safeStorage API (the synchronous one is deprecated). */
export interface Cipher {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the key was rotated; store the token again with the new one. */
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
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
  /** How the Beeper Desktop that issued it described itself, last time it was trusted (server-identity.ts). */
  server: ServerIdentity | null;
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
  /** Absent in records written before it was kept: the first server seen is then remembered. */
  server: ServerIdentitySchema.nullable().optional(),
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
  /** Whether the cipher can encrypt: asked once (the OS keyring may take a while to answer). */
  private available: Promise<boolean> | null = null;
  private availableNow = false;
  /** Disk writes run one after another; `generation` makes a write that a clear() overtook give up. */
  private writes: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(opts: { store: SafeStore; cipher: Cipher | null; allowPlaintext: () => boolean; log?: Logger }) {
    this.store = opts.store;
    this.cipher = opts.cipher;
    this.allowPlaintext = opts.allowPlaintext;
    this.log = opts.log;
    this.store.holdSecrets();
  }

  /** Asks the cipher once whether it can encrypt; `status()` answers from that answer. */
  ready(): Promise<boolean> {
    this.available ??= (async () => {
      try {
        this.availableNow = Boolean(this.cipher && (await this.cipher.isAsyncEncryptionAvailable()));
      } catch (e) {
        this.log?.warn('could not ask whether encrypted storage is available', { error: e });
        this.availableNow = false;
      }
      return this.availableNow;
    })();
    return this.available;
  }

  /** The cipher's backend once it said it can encrypt; null before, or when it cannot say. */
  private backendInUse(): string | null {
    if (!this.cipher || !this.availableNow) return null;
    try {
      return this.cipher.backend();
    } catch {
      // Stryker disable next-line BlockStatement: equivalent, undefined is as falsy as null to every caller
      return null;
    }
  }

  private secureBackend(): string | null {
    const backend = this.backendInUse();
    return backend && !INSECURE_BACKENDS.has(backend) ? backend : null;
  }

  private insecureReason(): string {
    if (!this.cipher) return t('storage.noCipher');
    return this.backendInUse() === 'basic_text'
      ? t('storage.noKeyring')
      : t('storage.unavailable');
  }

  status(): StorageStatus {
    const secure = this.secureBackend();
    if (secure) return { persistent: true, backend: secure, needsConsent: false };
    if (this.allowPlaintext()) return { persistent: true, backend: 'plaintext', needsConsent: false, reason: this.insecureReason() };
    return { persistent: false, backend: 'memory', needsConsent: true, reason: t('storage.untilQuit', { reason: this.insecureReason() }) };
  }

  /** Why a stored token could not be used (decryption failed, backend changed), once. */
  takeProblem(): string | undefined {
    const p = this.lastProblem;
    this.lastProblem = undefined;
    return p;
  }

  // ---------------------------------------------------------------- token

  /** The token of this run for `baseURL`, if one is loaded or saved. */
  tokenFor(baseURL: string): StoredAuth | null {
    return this.current?.baseURL === baseURL ? this.current : null;
  }

  /** Loads (decrypting) the saved token for `baseURL`, unless this run already has it. */
  async open(baseURL: string): Promise<StoredAuth | null> {
    if (this.current?.baseURL === baseURL) return this.current;
    // A save or clear from here on wins over what is read from disk (it may not be written yet).
    const generation = this.generation;
    await this.ready();
    if (generation !== this.generation) return this.tokenFor(baseURL);
    const raw = this.store.get('token');
    const parsed = RecordSchema.safeParse(raw);
    if (!parsed.success) {
      if (raw !== undefined) {
        this.log?.warn('stored sign-in record is malformed; ignoring it');
        this.store.delete('token');
      }
      return null;
    }
    const record = parsed.data;
    if (record.baseURL !== baseURL) return null;
    const decrypted = await this.decrypt(record);
    if (generation !== this.generation) return this.tokenFor(baseURL); // saved or cleared meanwhile
    if (!decrypted) {
      this.store.delete('token');
      return null;
    }
    this.current = { baseURL, accessToken: decrypted.token, expiresAt: record.expiresAt, scope: record.scope, source: record.source, server: record.server ?? null };
    if (decrypted.reEncrypt) await this.persist();
    return this.current;
  }

  private async decrypt(record: TokenRecord): Promise<{ token: string; reEncrypt: boolean } | null> {
    if (record.backend === 'plaintext') {
      if (!this.allowPlaintext()) {
        this.lastProblem = t('storage.plaintextRefused');
        return null;
      }
      return { token: Buffer.from(record.data, 'base64').toString('utf8'), reEncrypt: this.secureBackend() !== null };
    }
    const now = this.secureBackend();
    if (now !== record.backend) {
      this.lastProblem = t('storage.backendGone', { backend: record.backend });
      this.log?.warn('stored sign-in was written by another storage backend', { wrote: record.backend, now: now ?? 'none' });
      return null;
    }
    try {
      const { result, shouldReEncrypt } = await this.cipher!.decryptStringAsync(Buffer.from(record.data, 'base64'));
      return { token: result, reEncrypt: shouldReEncrypt };
    } catch (e) {
      this.lastProblem = t('storage.undecryptable');
      this.log?.warn('stored sign-in could not be decrypted', { error: e });
      return null;
    }
  }

  /** Keeps the token for this run at once, then persists it when that is safe or allowed. */
  async save(baseURL: string, auth: StoredAuth): Promise<StorageStatus> {
    this.current = { baseURL, ...auth };
    // Stryker disable next-line UpdateOperator: equivalent, any change of generation makes older writes give up
    this.generation++;
    await this.ready();
    await this.persist();
    return this.status();
  }

  /** Writes the current token to disk if the storage status allows; removes it from disk otherwise. */
  persist(): Promise<void> {
    const generation = this.generation;
    const write = this.writes.then(() => this.write(generation));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(generation: number): Promise<void> {
    const c = this.current;
    if (!c || generation !== this.generation) return;
    const secure = this.secureBackend();
    let backend: string;
    let data: string;
    if (secure) {
      backend = secure;
      data = (await this.cipher!.encryptStringAsync(c.accessToken)).toString('base64');
      if (generation !== this.generation) return; // cleared or replaced while encrypting
    } else if (this.allowPlaintext()) {
      backend = 'plaintext';
      data = Buffer.from(c.accessToken).toString('base64'); // UTF-8
    } else {
      this.store.delete('token');
      return;
    }
    const record: TokenRecord = { version: 1, baseURL: c.baseURL, backend, data, expiresAt: c.expiresAt, scope: c.scope, source: c.source, savedAt: Date.now(), server: c.server };
    this.store.set('token', record);
  }

  /** Remembers how the token's Beeper Desktop now describes itself (a newer version), in this run and on disk. */
  noteServer(baseURL: string, server: ServerIdentity): void {
    if (this.current?.baseURL !== baseURL) return;
    this.current = { ...this.current, server };
    const parsed = RecordSchema.safeParse(this.store.get('token'));
    if (parsed.success && parsed.data.baseURL === baseURL) this.store.set('token', { ...parsed.data, server });
  }

  clear(): void {
    this.current = null;
    // Stryker disable next-line UpdateOperator: equivalent, any change of generation makes older writes give up
    this.generation++;
    this.store.delete('token');
    this.store.deleteCopiesKeptAside();
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
