/** 2. Time to the accounts list in the browser preview (20 accounts), against a hello-world page. */
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium, signedInStack } from '../support/browser.ts';
import { buildPage, ROOT, serveFolder } from '../support/pages.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

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
    const ratios: number[] = [];
    const reps = ctx.reps(21);
    for (let i = 0; i <= reps; i++) {
      const page = await context.newPage();
      // Interleaved run by run (ABAB…, and BA every other pair so neither always goes first): a busy
      // moment of a shared machine hits both sides of a pair alike. The first pair warms up.
      const appRun = (): Promise<number> => timeTo(page, stack.host.url, accountsShown);
      const helloRun = (): Promise<number> => timeTo(page, helloURL, helloShown);
      let a: number;
      let b: number;
      if (i % 2 === 0) {
        a = await appRun();
        b = await helloRun();
      } else {
        b = await helloRun();
        a = await appRun();
      }
      await page.close();
      if (i > 0 || ctx.smoke) {
        app.push(a);
        base.push(b);
        ratios.push(a / b);
      }
    }
    // The verdict is on the pairs' own ratios, whose spread the report shows.
    const r = distribution(ratios);
    const ratio = r.median;
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
      ratioSpread: { p25: r.p25, p75: r.p75 },
      notes: [`ratio of each interleaved pair: median ${r.median.toFixed(2)}, p25–p75 ${r.p25.toFixed(2)}–${r.p75.toFixed(2)} over ${r.n} pairs`],
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
