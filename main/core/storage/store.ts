/**
 * A key-value store that survives a corrupt or unreadable file. It wraps anything shaped like
 * electron-store / conf (`get`, `set`, `delete`, `path`): electron-store inside Electron, conf in
 * plain Node. When the file cannot be read or parsed — at start-up or later — it is moved aside
 * (`<name>.corrupt-<time>.json`, kept for diagnosis) and the store starts again from defaults;
 * a store that holds secrets (`holdSecrets()`) deletes it instead, since a copy kept aside would
 * outlive sign-out. If even that fails, the store keeps working in memory for this run and says so.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.ts';

export interface StoreBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}

export class SafeStore {
  private backend: StoreBackend | null = null;
  private readonly memory = new Map<string, unknown>();
  /** Changes the disk refused in this run (a key deleted is kept as undefined). */
  private readonly unsaved = new Map<string, unknown>();
  private refusalLogged = false;
  /** False when the file could not be used and values live only in memory. */
  persistent = true;
  /** Files moved aside in this run. */
  readonly quarantined: string[] = [];
  private readonly create: () => StoreBackend;
  private readonly filePath: string;
  private readonly log: Logger | undefined;
  private secret = false;

  /** A store that lasts until the app quits: for a host that keeps nothing on disk. */
  static inMemory(): SafeStore {
    const values = new Map<string, unknown>();
    return new SafeStore(() => ({ get: (k) => values.get(k), set: (k, v) => void values.set(k, v), delete: (k) => void values.delete(k), path: '(memory)' }), '(memory)');
  }

  constructor(create: () => StoreBackend, filePath: string, log?: Logger) {
    this.create = create;
    this.filePath = filePath;
    this.log = log;
    this.backend = this.open();
  }

  get path(): string {
    return this.filePath;
  }

  private open(): StoreBackend | null {
    try {
      const b = this.create();
      // Stryker disable next-line StringLiteral: equivalent, any key forces the read
      b.get('__probe__'); // force a read, so a corrupt file shows up now, not at first use
      return b;
    } catch (e) {
      this.quarantine(e);
      try {
        const b = this.create();
        // Stryker disable next-line StringLiteral: equivalent, any key forces the read
        b.get('__probe__');
        return b;
      } catch (e2) {
        this.persistent = false;
        this.log?.error('settings file unusable, keeping settings in memory for this run', { file: this.filePath, error: e2 });
        return null;
      }
    }
  }

  /**
   * This store holds credentials: from now on an unreadable file is deleted, never kept aside, and
   * every copy kept aside (earlier in this run, or by an older version of the app) is deleted now.
   */
  holdSecrets(): void {
    this.secret = true;
    this.deleteCopiesKeptAside();
  }

  /** Deletes the `<name>.corrupt-<time>.json` copies beside a store that holds secrets. */
  deleteCopiesKeptAside(): void {
    if (!this.secret) return;
    const dir = path.dirname(this.filePath);
    const prefix = `${path.basename(this.filePath).replace(/\.json$/, '')}.corrupt-`;
    try {
      for (const f of readdirSync(dir)) {
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: `force` only matters if a copy vanishes between listing and deleting
        if (f.startsWith(prefix) && f.endsWith('.json')) rmSync(path.join(dir, f), { force: true });
      }
    } catch (e) {
      this.log?.error('could not delete a copy of the credentials file', { file: this.filePath, error: e });
    }
  }

  private quarantine(error: unknown): void {
    if (!existsSync(this.filePath)) return;
    if (this.secret) {
      try {
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: the file was just seen to exist; `force` only covers a race
        rmSync(this.filePath, { force: true });
        this.log?.warn('credentials file was unreadable; deleted it (connect again)', { file: this.filePath, error });
      } catch (rmError) {
        this.log?.error('could not delete an unreadable credentials file', { file: this.filePath, error: rmError });
      }
      return;
    }
    const target = this.filePath.replace(/(\.json)?$/, `.corrupt-${Date.now()}.json`);
    try {
      renameSync(this.filePath, target);
      this.quarantined.push(target);
      this.log?.warn('settings file was unreadable; moved aside and started from defaults', { file: this.filePath, movedTo: target, error });
    } catch (renameError) {
      this.log?.error('could not move an unreadable settings file aside', { file: this.filePath, error: renameError });
    }
  }

  private run<T>(op: (b: StoreBackend) => T, fallback: () => T, refused?: () => T): T {
    if (this.backend) {
      try {
        return op(this.backend);
      } catch (e) {
        // The disk refused a write (full, read-only): the file is fine, so it stays where it is.
        if (refused && refusedByDisk(e)) return this.keepUnsaved(e, refused);
        this.quarantine(e);
        this.backend = this.open();
        // Stryker disable next-line ConditionalExpression: equivalent, op(null) throws into the catch below, which ends the same way
        if (this.backend) {
          try {
            return op(this.backend);
          } catch {
            this.backend = null;
            this.persistent = false;
          }
        }
      }
    }
    return fallback();
  }

  get(key: string): unknown {
    if (this.unsaved.has(key)) return this.unsaved.get(key);
    return this.run(
      (b) => b.get(key),
      () => this.memory.get(key),
    );
  }

  set(key: string, value: unknown): void {
    this.run(
      (b) => {
        b.set(key, value);
        this.unsaved.delete(key);
      },
      () => void this.memory.set(key, value),
      () => void this.unsaved.set(key, value),
    );
  }

  delete(key: string): void {
    this.run(
      (b) => {
        b.delete(key);
        this.unsaved.delete(key);
      },
      () => void this.memory.delete(key),
      () => void this.unsaved.set(key, undefined),
    );
  }

  /** A change the disk refused: known for this run, said once, and the file left as it was. */
  private keepUnsaved<T>(error: unknown, keep: () => T): T {
    this.persistent = false;
    if (!this.refusalLogged) this.log?.error('could not write the settings file; changes are kept until the app quits', { file: this.filePath, error });
    this.refusalLogged = true;
    return keep();
  }
}

/** Errors of the file system refusing a write, as opposed to a file that cannot be read or parsed. */
const REFUSED = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EBUSY']);
const refusedByDisk = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && REFUSED.has(code);
};
