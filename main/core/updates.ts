/**
 * Updates as the window sees them. The shell owns the updater (main/policy/updater.ts) and hands it
 * over; without one (the browser preview, tests) this build does not update itself.
 */
import type { UpdaterView } from '../../preload/contract/views.ts';
import { AppError } from './errors.ts';
import { t } from './i18n.ts';

/**
 * The updater's state, as the shell's updater (main/policy/updater.ts) reports it. Defined here, by
 * the layer that reads it, so the core never imports the shell.
 */
export type UpdaterState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'available'; version: string }
  | { status: 'downloading'; version: string; percent: number }
  | { status: 'ready'; version: string }
  | { status: 'up-to-date'; checkedAt: string }
  | { status: 'error'; message: string; checkedAt: string }
  | { status: 'unsupported'; reason: string; downloadURL: string };


/** The shell's updater as the core sees it. */
export interface UpdaterSource {
  current(): UpdaterState;
  onChange(listener: (s: UpdaterState) => void): () => void;
  check(): Promise<void>;
  restartToUpdate(): boolean;
}

/** The one sentence the window shows for an updater state. */
export function updaterSummary(s: UpdaterState): string {
  switch (s.status) {
    case 'idle':
      return t('updates.auto');
    case 'checking':
      return t('updates.checking');
    case 'available':
      return t('updates.available', { version: s.version });
    case 'downloading':
      return t('updates.downloading', { version: s.version, percent: s.percent / 100 });
    case 'ready':
      return t('updates.ready', { version: s.version });
    case 'up-to-date':
      return t('updates.latest');
    case 'error':
      return s.message.trim() || t('updates.failed');
    case 'unsupported':
      return s.reason.trim() || t('updates.noUpdater');
  }
}

export function updaterView(s: UpdaterState, currentVersion: string): UpdaterView {
  return {
    status: s.status,
    currentVersion,
    version: 'version' in s ? s.version : null,
    percent: s.status === 'downloading' ? s.percent : null,
    summary: updaterSummary(s),
    downloadURL: s.status === 'unsupported' && s.downloadURL ? s.downloadURL : null,
    checkedAt: 'checkedAt' in s ? s.checkedAt : null,
  };
}

export class Updates {
  private source: UpdaterSource | null = null;
  private readonly listeners = new Set<(v: UpdaterView) => void>();
  private readonly appVersion: string;

  constructor(appVersion: string) {
    this.appVersion = appVersion;
  }

  onChange(listener: (v: UpdaterView) => void): void {
    this.listeners.add(listener);
  }

  /** The shell hands over its updater. */
  use(source: UpdaterSource): void {
    this.source = source;
    source.onChange(() => this.changed());
    this.changed();
  }

  view(): UpdaterView {
    return updaterView(this.source?.current() ?? { status: 'unsupported', reason: t('updates.noUpdater'), downloadURL: '' }, this.appVersion);
  }

  async check(): Promise<UpdaterView> {
    if (!this.source) throw new AppError('unsupported', t('updates.noUpdater'));
    await this.source.check();
    return this.view();
  }

  restartToUpdate(): UpdaterView {
    if (!this.source?.restartToUpdate()) throw new AppError('invalid_request', t('updates.notReady'));
    return this.view();
  }

  private changed(): void {
    const v = this.view();
    for (const l of this.listeners) l(v);
  }
}
