/** 2. Time to the accounts list in the browser preview (20 accounts), against a hello-world page. */
import { helloServedLikeTheApp, helloShown, interleavedPairs, launchChromium, signedInStack, timeTo } from '../support/browser.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

const accountsShown = (): number | false => document.querySelectorAll('section.network li.login').length >= 20 && performance.now();

export async function timeToAccounts(ctx: BenchContext): Promise<Figure> {
  const stack = await signedInStack({ seed: 'large:20' });
  const hello = await helloServedLikeTheApp(stack);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    // 31 pairs: with 21, the median of the ratios moved by 0.3 between runs on this machine.
    const { app, base, ratios } = await interleavedPairs(context, ctx.reps(31), ctx.smoke, (p) => timeTo(p, stack.host.url, accountsShown), (p) => timeTo(p, hello.url, helloShown));
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
    await hello.close();
    await stack.stop();
  }
}
