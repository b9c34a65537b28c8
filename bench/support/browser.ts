/** Debian's Chromium through Playwright, and the preview stack signed in to the simulator. */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { startStack, type Stack, type StackOptions } from '../../test/host/stack.ts';
import { startWsHost, type WsHost } from '../../test/host/ws-host.ts';
import { buildPage, ROOT } from './pages.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

let previewBuilt = false;
/** The renderer built for a browser (dist/preview), once per bench run. */
export async function buildPreview(): Promise<void> {
  if (previewBuilt) return;
  await build({ configFile: path.join(ROOT, 'vite.preview.config.ts'), logLevel: 'silent' });
  previewBuilt = true;
}

/** The preview stack, already signed in (a pasted token), accounts loaded. */
export async function signedInStack(opts: StackOptions): Promise<Stack> {
  await buildPreview();
  const stack = await startStack({ rediscoverMs: 250, ...opts });
  await stack.core.useToken(stack.sim.mintToken());
  return stack;
}

/**
 * The hello-world page, served as the app's page is: by another of the preview's hosts (the same
 * HTTP server, headers and all), so that neither side of a pair is served faster than the other.
 */
export async function helloServedLikeTheApp(stack: Stack): Promise<WsHost> {
  const dir = await buildPage(path.join(ROOT, 'bench/pages/hello'), path.join(os.tmpdir(), 'bam-bench-hello'));
  return startWsHost({ core: stack.core, log: stack.core.log, staticDir: dir });
}

/** Milliseconds from navigation start until `ready` holds, checked every animation frame. */
export async function timeTo(page: Page, url: string, ready: () => number | false): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

/** The hello-world page is shown: the baseline's "ready" for timeTo. */
export const helloShown = (): number | false => document.querySelector('h1')?.textContent === 'Hello, world' && performance.now();

/**
 * Runs the app and its baseline in pairs, each pair on a fresh page, interleaved (ABAB…, and BA
 * every other pair so neither always goes first): a busy moment of a shared machine hits both
 * sides of a pair alike. The first pair warms up. Returns both sides and each pair's ratio.
 */
export async function interleavedPairs(context: BrowserContext, pairs: number, smoke: boolean, app: (p: Page) => Promise<number>, base: (p: Page) => Promise<number>): Promise<{ app: number[]; base: number[]; ratios: number[] }> {
  const out = { app: [] as number[], base: [] as number[], ratios: [] as number[] };
  for (let i = 0; i <= pairs; i++) {
    const page = await context.newPage();
    let a: number;
    let b: number;
    if (i % 2 === 0) {
      a = await app(page);
      b = await base(page);
    } else {
      b = await base(page);
      a = await app(page);
    }
    await page.close();
    if (i > 0 || smoke) {
      out.app.push(a);
      out.base.push(b);
      out.ratios.push(a / b);
    }
  }
  return out;
}

/**
 * Records, in the page, when things appear: each mutation batch notes the time (Date.now, the
 * same clock as the simulator's) at which the QR's data or the main heading changed.
 */
export const MARKS_SCRIPT = `(() => {
  const marks = (window.__benchMarks = []);
  let qr = null, heading = null;
  new MutationObserver(() => {
    const at = Date.now();
    const q = document.querySelector('img.qr')?.getAttribute('data-qr') ?? null;
    const h = document.querySelector('h1')?.textContent ?? null;
    if (q !== qr) { qr = q; if (q) marks.push({ at, qr: q }); }
    if (h !== heading) { heading = h; if (h) marks.push({ at, heading: h }); }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

export type Mark = { at: number; qr?: string; heading?: string };

export function marks(page: Page): Promise<Mark[]> {
  return page.evaluate(() => (window as unknown as { __benchMarks: Mark[] }).__benchMarks);
}

/** Through the UI, as a person would: Add account → WhatsApp → QR → Continue. */
export async function startWhatsAppQR(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('button', { name: /WhatsApp/ }).click();
  await page.getByRole('radio', { name: /QR/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('img.qr').waitFor();
}
