/**
 * A real `generic` update feed served over HTTP, read by electron-updater's own GenericProvider and
 * compared by its own AppUpdater logic with the flags this app's updater policy sets: the update
 * information the app would act on, and the decision it would make.
 */
import { CancellationToken } from 'builder-util-runtime';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppUpdater } from 'electron-updater/out/AppUpdater.js';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor.js';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableUpdateError, UpdaterDriver, type UpdaterLike } from '../../main/policy/updater.ts';

const FILES: Record<string, string> = {
  'latest-linux.yml': `version: 1.4.0
files:
  - url: Beeper-Account-Manager-1.4.0-x86_64.AppImage
    sha512: ${'a'.repeat(86)}==
    size: 104857600
    blockMapSize: 110000
path: Beeper-Account-Manager-1.4.0-x86_64.AppImage
sha512: ${'a'.repeat(86)}==
releaseDate: '2026-11-20T10:00:00.000Z'
`,
  'beta-linux.yml': `version: 1.5.0-beta.2
files:
  - url: Beeper-Account-Manager-1.5.0-beta.2-x86_64.AppImage
    sha512: ${'b'.repeat(86)}==
    size: 104900000
path: Beeper-Account-Manager-1.5.0-beta.2-x86_64.AppImage
sha512: ${'b'.repeat(86)}==
releaseDate: '2026-11-25T10:00:00.000Z'
`,
  'latest-mac.yml': `version: 1.4.0
files:
  - url: Beeper-Account-Manager-1.4.0-arm64-mac.zip
    sha512: ${'c'.repeat(86)}==
    size: 98000000
  - url: Beeper-Account-Manager-1.4.0-arm64.dmg
    sha512: ${'d'.repeat(86)}==
    size: 99000000
path: Beeper-Account-Manager-1.4.0-arm64-mac.zip
sha512: ${'c'.repeat(86)}==
releaseDate: '2026-11-20T10:00:00.000Z'
`,
};

/** What a tampered server sends instead of the release the feed describes. */
const TAMPERED = Buffer.from('#!/bin/sh\necho not the release\n');

let server: Server;
let feed: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '');
    requests.push(name);
    if (name.endsWith('.AppImage')) return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(TAMPERED);
    const body = FILES[name];
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function provider(platform: 'linux' | 'darwin', channel: string | null = null) {
  return new GenericProvider({ provider: 'generic', url: feed }, { channel, isAddNoCacheQuery: false } as never, { platform, executor: new NodeHttpExecutor() as never, isUseMultipleRangeRequest: true });
}

/** AppUpdater's own comparison, with the flags the app's policy leaves on the updater. */
async function wouldUpdate(current: string, info: { version: string }, updater: Pick<UpdaterLike, 'allowDowngrade'>): Promise<boolean> {
  // A string, not a parsed SemVer: electron-updater compares with its own copy of semver.
  const self = { currentVersion: current, allowDowngrade: updater.allowDowngrade, isUpdateSupported: () => true, isUserWithinRollout: () => true };
  return (AppUpdater.prototype as unknown as { isUpdateAvailable(this: unknown, i: unknown): Promise<boolean> }).isUpdateAvailable.call(self, info);
}

/** What the policy leaves set on an updater, given a channel. */
function configured(channel: string | null): UpdaterLike {
  let ch: string | null = null;
  const u = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: false,
    allowPrerelease: false,
    get channel() {
      return ch;
    },
    set channel(v: string | null) {
      ch = v;
      u.allowDowngrade = true; // electron-updater's own behaviour when a channel is set
    },
    checkForUpdates: () => Promise.resolve(null),
    quitAndInstall: () => undefined,
    on: () => u,
  } as unknown as UpdaterLike;
  new UpdaterDriver(u, { platform: 'linux', isPackaged: true, appImagePath: '/x.AppImage', packageType: null }, { firstCheckDelayMs: 1, intervalMs: 1, channel });
  return u;
}

describe('generic update feed', () => {
  it('reads latest-linux.yml: version, file, checksum, and the absolute download URL', async () => {
    const p = provider('linux');
    const info = await p.getLatestVersion();
    expect(info).toMatchObject({ version: '1.4.0', path: 'Beeper-Account-Manager-1.4.0-x86_64.AppImage', releaseDate: '2026-11-20T10:00:00.000Z' });
    expect(info.files[0]).toMatchObject({ size: 104857600, sha512: expect.stringMatching(/^a+==$/) });
    const [file] = p.resolveFiles(info);
    expect(file!.url.href).toBe(`${feed}/Beeper-Account-Manager-1.4.0-x86_64.AppImage`);
    expect(requests.at(-1)).toBe('latest-linux.yml');
  });

  it('reads the mac feed with the zip that auto-update downloads first', async () => {
    const info = await provider('darwin').getLatestVersion();
    expect(info.files[0]!.url).toMatch(/-mac\.zip$/); // the zip comes first: auto-update downloads it
    expect(info.files.map((f) => f.url)).toEqual(['Beeper-Account-Manager-1.4.0-arm64-mac.zip', 'Beeper-Account-Manager-1.4.0-arm64.dmg']);
  });

  it('compares versions as the app acts on them: newer updates, same or older does not', async () => {
    const info = await provider('linux').getLatestVersion();
    const u = configured(null);
    expect(await wouldUpdate('0.1.0', info, u)).toBe(true);
    expect(await wouldUpdate('1.3.9', info, u)).toBe(true);
    expect(await wouldUpdate('1.4.0', info, u)).toBe(false);
    expect(await wouldUpdate('2.0.0', info, u)).toBe(false);
  });

  it('a beta channel reads beta-linux.yml but still never downgrades', async () => {
    const u = configured('beta');
    expect(u.allowDowngrade).toBe(false);
    const info = await provider('linux', 'beta').getLatestVersion();
    expect(info.version).toBe('1.5.0-beta.2');
    expect(requests.at(-1)).toBe('beta-linux.yml');
    expect(await wouldUpdate('1.4.0', info, u)).toBe(true);
    expect(await wouldUpdate('1.6.0', info, u)).toBe(false);
    // Without the policy's reset, electron-updater's channel setter would have allowed this downgrade:
    expect(await wouldUpdate('1.6.0', info, { allowDowngrade: true })).toBe(true);
  });

  it('a missing channel file is an error the app can explain', async () => {
    const err = await provider('linux', 'nightly')
      .getLatestVersion()
      .then(() => null)
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error & { code?: string }).code).toBe('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND');
    expect(readableUpdateError(err!)).toBe('No update information was found for this version.');
  });
});

describe('what an update must prove before it is installed', () => {
  /**
   * electron-updater's own download (ElectronHttpExecutor.download: the file piped through the
   * feed's sha512 check), with Node's http standing in for Electron's net to make the request.
   */
  const download = async (name: string, sha512: string): Promise<Buffer> => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bam-update-'));
    try {
      const file = path.join(dir, name);
      const options = { sha512, headers: {}, cancellationToken: new CancellationToken() };
      await (ElectronHttpExecutor.prototype.download as (this: unknown, u: URL, d: string, o: unknown) => Promise<string>).call(new NodeHttpExecutor(), new URL(`${feed}/${name}`), file, options);
      return readFileSync(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a higher version whose file does not match the feed\'s sha512 is rejected', async () => {
    const info = await provider('linux').getLatestVersion();
    expect(await wouldUpdate('0.1.0', info, configured(null))).toBe(true);
    const err = await download(info.files[0]!.url, info.files[0]!.sha512).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(err?.code).toBe('ERR_CHECKSUM_MISMATCH');
    expect(readableUpdateError(err!)).toBe('The downloaded update was damaged; it will be downloaded again.');
    // The check is real: the same bytes with their own sha512 are accepted.
    const own = createHash('sha512').update(TAMPERED).digest('base64');
    expect(await download(info.files[0]!.url, own)).toEqual(TAMPERED);
  });

  it('a staged release (stagingPercentage) reaches only that share of installs', async () => {
    const staged = { version: '1.4.0', files: [], path: '', sha512: '', releaseDate: '', stagingPercentage: 10 };
    /** electron-updater's own rollout check, for an install whose updater ID is `id`. */
    const within = (id: string, info: object): Promise<boolean> =>
      (AppUpdater.prototype as unknown as { isStagingMatch(this: unknown, i: unknown): Promise<boolean> }).isStagingMatch.call({ stagingUserIdPromise: { value: Promise.resolve(id) }, _logger: { info: () => undefined, warn: () => undefined } }, info);
    // The last four bytes of the ID place an install in the rollout: 0x00000001 is in the first 10%, 0xffffff00 is not.
    expect(await within('00000000-0000-4000-8000-000000000001', staged)).toBe(true);
    expect(await within('00000000-0000-4000-8000-0000ffffff00', staged)).toBe(false);
    expect(await within('00000000-0000-4000-8000-0000ffffff00', { ...staged, stagingPercentage: 100 })).toBe(true);
    expect(await within('00000000-0000-4000-8000-0000ffffff00', { ...staged, stagingPercentage: undefined })).toBe(true);
  });
});
