/**
 * Packaging, offline: electron-builder.yml against electron-builder's own schema, then a real
 * `electron-builder --dir` with a stub Electron distribution, proving the asar holds the built app,
 * app-update.yml is produced, and every production fuse is flipped in the binary.
 */
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import yaml from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, appUserModelIdFor } from '../../main/policy/app-id.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = (name: string): string => path.join(root, 'node_modules/.bin', name);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire bytes: '0' and '1' (@electron/fuses does not export its FuseState enum). */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;

const load = (file: string): Record<string, unknown> => yaml.load(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const validate = (config: Record<string, unknown>): Promise<void> => validateConfiguration(config, { isEnabled: false, add: () => undefined } as never);

/**
 * An unpacked "Electron" for Linux that electron-builder can copy and @electron/fuses can flip:
 * the fuse sentinel followed by Electron 45's default wire (version 1, eight fuses).
 */
function stubElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const defaults = '10110001'; // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, asar integrity off, only-asar off, V8 snapshot off, file privileges on
  const exe = path.join(dir, 'electron');
  writeFileSync(exe, Buffer.concat([Buffer.from('#!/bin/sh\necho stub\n'), Buffer.alloc(256), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(defaults), Buffer.alloc(256)]));
  chmodSync(exe, 0o755);
  writeFileSync(path.join(dir, 'version'), '45.5.0');
  writeFileSync(path.join(dir, 'LICENSE'), 'stub');
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'bam-pack-'));
  stubElectron(path.join(work, 'electron-dist'));
  if (!existsSync(path.join(root, 'out/main/index.js'))) execFileSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'ignore' });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pack(configFile: string, outDir: string): string {
  execFileSync(bin('electron-builder'), ['--dir', '--linux', '--x64', '--config', configFile, `-c.electronDist=${path.join(work, 'electron-dist')}`, `-c.directories.output=${outDir}`, '--publish', 'never'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, CI: 'true' },
  });
  return path.join(outDir, 'linux-unpacked');
}

describe('electron-builder configuration', () => {
  it('is valid against electron-builder\'s schema, as is the test-build variant', async () => {
    await expect(validate(load('electron-builder.yml'))).resolves.toBeUndefined();
    const test = load('electron-builder.test.yml');
    delete test['extends'];
    await expect(validate(test)).resolves.toBeUndefined();
  });

  it('the app sets the same AppUserModelID on Windows as the installer’s appId (else no notifications)', () => {
    expect(APP_ID).toBe(load('electron-builder.yml')['appId']);
    expect(appUserModelIdFor('win32')).toBe(load('electron-builder.yml')['appId']);
    expect(appUserModelIdFor('linux')).toBeNull();
    expect(appUserModelIdFor('darwin')).toBeNull();
  });

  it('Windows updates are checked against one named publisher, which electron-builder writes into app-update.yml', async () => {
    const win = load('electron-builder.yml')['win'] as { signtoolOptions?: { publisherName?: unknown }; verifyUpdateCodeSignature?: unknown };
    expect(win.verifyUpdateCodeSignature).toBe(true);
    expect(win.signtoolOptions?.publisherName).toEqual(expect.stringMatching(/\S/));
    // electron-builder's own reading of it (what getAppUpdatePublishConfiguration puts in app-update.yml).
    const { WindowsSignToolManager } = (await import('app-builder-lib/out/codeSign/windowsSignToolManager.js')) as unknown as {
      WindowsSignToolManager: new (p: unknown) => { computedPublisherName: { value: Promise<string[] | null> } };
    };
    const manager = new WindowsSignToolManager({ platformSpecificBuildOptions: win, config: {} });
    expect(await manager.computedPublisherName.value).toEqual([win.signtoolOptions?.publisherName]);
  });

  it('the test build has its own appId, so it is never taken for the real app', () => {
    expect(load('electron-builder.test.yml')['appId']).toMatch(/\.test$/);
    expect(load('electron-builder.test.yml')['appId']).not.toBe(load('electron-builder.yml')['appId']);
  });

  it('rejects a misspelled option (the validation really runs)', async () => {
    await expect(validate({ ...load('electron-builder.yml'), electronFuses: { runAsnode: false } })).rejects.toThrow(/Invalid configuration object.*electronFuses/s);
  });

  it('states every production fuse, with the secure value', () => {
    expect(load('electron-builder.yml')['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('declares the release targets, Linux desktop entry, and publishing', () => {
    const c = load('electron-builder.yml');
    expect(c).toMatchObject({
      appId: 'com.beeper.account-manager',
      asar: true,
      linux: { target: ['AppImage', 'deb'], category: 'Network', desktop: { entry: { Categories: 'Network;InstantMessaging;' } } },
      mac: { target: ['dmg', 'zip'] },
      win: { target: ['nsis'] },
      publish: { provider: 'github' },
    });
  });
});

describe('electron-builder --dir with a stub Electron', () => {
  it('packs the built app into app.asar, writes app-update.yml, and flips the production fuses', async () => {
    const out = pack('electron-builder.yml', path.join(work, 'release'));
    const exe = path.join(out, 'beeper-account-manager');
    const files = listPackage(path.join(out, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    for (const f of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/resources/icons/tray-normal-light.png', '/resources/icons/trayTemplate.png']) {
      expect(files, f).toContain(f);
    }
    expect(files.some((f) => f.startsWith('/node_modules/@beeper/desktop-api/'))).toBe(true);
    expect(files.some((f) => f.startsWith('/node_modules/electron-updater/'))).toBe(true);
    // Nothing from the source tree or the dev toolchain.
    for (const bad of ['/test/', '/main/core/', '/renderer/src/', '/node_modules/vitest/', '/node_modules/electron/', '/node_modules/typescript/', '.map']) {
      expect(files.filter((f) => f.includes(bad)), bad).toEqual([]);
    }

    const update = yaml.load(readFileSync(path.join(out, 'resources/app-update.yml'), 'utf8'));
    expect(update).toMatchObject({ provider: 'github', owner: 'beeper-account-manager', repo: 'beeper-account-manager' });

    const wire = await getCurrentFuseWire(exe);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  }, 120_000);

  it('the test build differs only by the inspector fuse, and publishes nothing', async () => {
    const out = pack('electron-builder.test.yml', path.join(work, 'release-test'));
    const wire = await getCurrentFuseWire(path.join(out, 'beeper-account-manager'));
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(existsSync(path.join(out, 'resources/app-update.yml'))).toBe(false);
  }, 120_000);
});
