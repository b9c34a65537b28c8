/** Electron's `app`: single instance, the quit sequence, login items, paths. */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { event } from './events.ts';
import type { EmulatedElectron } from '../emulated-electron.ts';

export interface MachineFacts {
  userData: string;
  home: string;
  platform: NodeJS.Platform;
  version: string;
  name: string;
  packaged: boolean;
  /** The system's preferred languages (`app.getPreferredSystemLanguages()`); en-US when not said. */
  languages?: string[];
}

export class EmulatedApp extends EventEmitter {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  state: 'starting' | 'ready' | 'quitting' | 'quit' = 'starting';
  private readonly paths = new Map<string, string>();
  private readyPromise: Promise<void> | null = null;
  /** Set when another instance already holds the single-instance lock. */
  lockHeldElsewhere = false;
  private readonly electron: EmulatedElectron;
  private readonly facts: MachineFacts;

  constructor(electron: EmulatedElectron, facts: MachineFacts) {
    super();
    this.electron = electron;
    this.facts = facts;
    this.paths.set('userData', facts.userData);
    this.paths.set('home', facts.home);
    this.paths.set('temp', path.join(facts.home, 'tmp'));
    this.paths.set('logs', path.join(facts.userData, 'logs'));
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }
  called(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  get isPackaged(): boolean {
    return this.facts.packaged;
  }
  getVersion(): string {
    return this.facts.version;
  }
  getName(): string {
    return this.facts.name;
  }
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return [...(this.facts.languages ?? ['en-US'])];
  }
  /** Chromium's switches, as given on the command line (`--lang=de`). */
  readonly commandLine = {
    getSwitchValue: (name: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? '',
    hasSwitch: (name: string): boolean => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
  };
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  setPath(name: string, p: string): void {
    this.record('setPath', [name, p]);
    this.paths.set(name, p);
  }
  isReady(): boolean {
    return this.state !== 'starting';
  }
  whenReady(): Promise<void> {
    this.readyPromise ??= new Promise((resolve) =>
      setImmediate(() => {
        this.state = 'ready';
        this.emit('ready', event(), {});
        resolve();
      }),
    );
    return this.readyPromise;
  }
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    this.record('requestSingleInstanceLock', [additionalData]);
    return !this.lockHeldElsewhere;
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.record('setAsDefaultProtocolClient', args);
    return true;
  }
  setAppUserModelId(id: string): void {
    this.record('setAppUserModelId', [id]);
  }
  setLoginItemSettings(settings: unknown): void {
    if (this.facts.platform === 'linux') return; // a no-op on Linux, as in Electron
    this.record('setLoginItemSettings', [settings]);
  }
  focus(): void {}

  /** Electron's quit: before-quit, close every window, will-quit, quit; any step may stop it. */
  quit(): void {
    this.record('quit', []);
    if (this.state === 'quitting' || this.state === 'quit') return;
    const before = event();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.state = 'quitting';
    for (const win of [...this.electron.windows]) {
      if (!win.close()) {
        this.state = 'ready';
        return;
      }
    }
    this.exitNow();
  }

  exit(): void {
    this.record('exit', []);
    this.exitNow();
  }

  private exitNow(): void {
    const will = event();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.state = 'ready';
      return;
    }
    this.state = 'quit';
    this.emit('quit', event(), 0);
  }

  /** Another launch of the app (a second instance) with these arguments. */
  secondInstance(argv: string[]): void {
    this.emit('second-instance', event(), argv, this.facts.home, {});
  }
}
