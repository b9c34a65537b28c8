/** Electron's `session`, emulated: permission handlers and the partition's browser context. */
import type { BrowserContext } from '@playwright/test';
import type { EmulatedWebContents } from './windows.ts';
import type { EmulatedElectron } from '../emulated-electron.ts';

export type PermissionRequestHandler = (wc: EmulatedWebContents | null, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
export type PermissionCheckHandler = (wc: EmulatedWebContents | null, permission: string, requestingOrigin: string, details: { requestingUrl: string; isMainFrame: boolean }) => boolean;

export class EmulatedSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  private userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) beeper-account-manager/0.1.0 Chrome/142.0.0.0 Electron/45.5.0 Safari/537.36';
  private contextPromise: Promise<BrowserContext> | null = null;
  readonly webRequest = { onBeforeSendHeaders: (_fn: unknown): void => undefined };
  readonly cookies = { get: async (filter: { url?: string } = {}) => (await this.context()).cookies(filter.url) };

  private readonly electron: EmulatedElectron;
  readonly partition: string;

  constructor(electron: EmulatedElectron, partition: string) {
    this.electron = electron;
    this.partition = partition;
  }

  /** One browser context per session, as Electron keeps one profile per partition. */
  context(): Promise<BrowserContext> {
    this.contextPromise ??= this.electron.newContext(this);
    return this.contextPromise;
  }

  setPermissionRequestHandler(fn: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = fn;
  }
  setPermissionCheckHandler(fn: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = fn;
  }
  setUserAgent(ua: string): void {
    this.userAgent = ua;
  }
  getUserAgent(): string {
    return this.userAgent;
  }
  async clearStorageData(): Promise<void> {
    await (await this.context()).clearCookies();
  }
  clearCache(): Promise<void> {
    return Promise.resolve();
  }
}
