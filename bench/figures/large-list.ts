/** 8. The UI with 500 accounts: first render against the same rows' markup in plain React, and one status change. */
import os from 'node:os';
import path from 'node:path';
import type { AccountsView } from '../../preload/contract/views.ts';
import { startSimulator } from '../../test/simulator/index.ts';
import { launchChromium } from '../support/browser.ts';
import { startCore } from '../support/core.ts';
import { buildPage, ROOT, serveFolder } from '../support/pages.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

type Bench = { renderApp(v: AccountsView): number; renderPlain(v: AccountsView): number; changeOne(i: number, s: string): number; clear(): number; rowElements(): number };

export async function largeList(ctx: BenchContext): Promise<Figure[]> {
  const sim = await startSimulator({ port: 0, seed: 'large:500' });
  const { core, stop } = await startCore(sim);
  const view = core.snapshot().accounts;
  await stop();
  await sim.stop();
  const dir = await buildPage(path.join(ROOT, 'bench/pages/list'), path.join(os.tmpdir(), 'bam-bench-list'));
  const browser = await launchChromium();
  const app: number[] = [];
  const plain: number[] = [];
  const change: number[] = [];
  const perRow = { app: 0, plain: 0 };
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(await serveFolder(context, 'list.bench', dir));
    await page.waitForFunction(() => 'bench' in window);
    type W = { bench: Bench };
    for (let i = 0; i <= ctx.reps(20); i++) {
      const a = await page.evaluate((v) => (window as unknown as W).bench.renderApp(v), view);
      perRow.app = await page.evaluate(() => (window as unknown as W).bench.rowElements());
      const statuses: number[] = [];
      for (let k = 0; k < ctx.reps(10); k++) {
        const index = (k * 37) % 500;
        statuses.push(await page.evaluate(([n, s]) => (window as unknown as W).bench.changeOne(n, s), [index, index % 2 ? 'needs_login' : 'connected'] as const));
      }
      await page.evaluate(() => (window as unknown as W).bench.clear());
      const p = await page.evaluate((v) => (window as unknown as W).bench.renderPlain(v), view);
      perRow.plain = await page.evaluate(() => (window as unknown as W).bench.rowElements());
      await page.evaluate(() => (window as unknown as W).bench.clear());
      if (i > 0 || ctx.smoke) {
        app.push(a);
        plain.push(p);
        change.push(...statuses);
      }
    }
  } finally {
    await browser.close();
  }
  // The baseline is only fair while it is the same markup: a row of either has the same elements.
  if (Math.abs(perRow.app - perRow.plain) > 1) throw new Error(`the baseline's rows differ from the app's: ${perRow.plain.toFixed(1)} elements against ${perRow.app.toFixed(1)}`);
  // Each round renders both, one after the other: judged on the rounds' own ratios, as figure 2.
  const r = distribution(app.map((a, i) => a / plain[i]!));
  const ratio = r.median;
  const c = distribution(change);
  return [
    { id: 8, name: 'Large list: first render of 500 accounts', unit: 'ms', measured: distribution(app), baseline: distribution(plain), ratio, compared: 'ratio', value: ratio, goal: '≤ 1.5× same markup, plain React', met: ratio <= 1.5, ratioSpread: { p25: r.p25, p75: r.p75 }, notes: [`${perRow.app.toFixed(1)} elements a row in both; ratio of each round: median ${r.median.toFixed(2)}, p25–p75 ${r.p25.toFixed(2)}–${r.p75.toFixed(2)} over ${r.n} rounds`] },
    { id: 8, name: 'Large list: one account changes status', unit: 'ms', measured: c, baseline: null, ratio: null, compared: 'p95', value: c.p95, goal: '≤ 16 ms (one frame)', met: c.p95 <= 16, notes: [`${c.n} changes`] },
  ];
}
