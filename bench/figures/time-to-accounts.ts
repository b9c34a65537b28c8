/** 2. Time to the accounts list in the browser preview (20 accounts), against a hello-world page. */
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium, signedInStack } from '../support/browser.ts';
import { buildPage, ROOT, serveFolder } from '../support/pages.ts';
import { distribution, median, type BenchContext, type Figure } from '../support/stats.ts';

/** Milliseconds from navigation start until `ready` holds, checked every animation frame. */
async function timeTo(page: Page, url: string, ready: () => number | false): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}
const accountsShown = (): number | false => document.querySelectorAll('section.network li.login').length >= 20 && performance.now();
const helloShown = (): number | false => document.querySelector('h1')?.textContent === 'Hello, world' && performance.now();

export async function timeToAccounts(ctx: BenchContext): Promise<Figure> {
  const hello = await buildPage(path.join(ROOT, 'bench/pages/hello'), path.join(os.tmpdir(), 'bam-bench-hello'));
  const stack = await signedInStack({ seed: 'large:20' });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const helloURL = await serveFolder(context, 'hello.bench', hello);
    const app: number[] = [];
    const base: number[] = [];
    const reps = ctx.reps(9);
    for (let i = 0; i <= reps; i++) {
      const page = await context.newPage();
      // Alternate, so drift on a shared machine hits both alike; the first round warms up.
      const a = await timeTo(page, stack.host.url, accountsShown);
      const b = await timeTo(page, helloURL, helloShown);
      await page.close();
      if (i > 0 || ctx.smoke) {
        app.push(a);
        base.push(b);
      }
    }
    const ratio = median(app) / median(base);
    return {
      id: 2,
      name: 'Time to the accounts list (20 accounts)',
      unit: 'ms',
      measured: distribution(app),
      baseline: distribution(base),
      ratio,
      compared: 'ratio',
      value: ratio,
      goal: '≤ 1.3× hello-world',
      met: ratio <= 1.3,
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
