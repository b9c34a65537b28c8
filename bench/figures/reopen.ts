/**
 * 11. Reopening: a window that opens again where the last one was — on a login in progress, its QR
 * code — against the first open of the hello-world page. In the preview, as figure 2: the core
 * keeps running (as main does while no window exists), the new page is the window made again.
 */
import { helloServedLikeTheApp, helloShown, interleavedPairs, launchChromium, signedInStack, timeTo } from '../support/browser.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

const qrShown = (): number | false => document.querySelector('img.qr') !== null && performance.now();

export async function reopen(ctx: BenchContext): Promise<Figure> {
  const stack = await signedInStack({ seed: 'large:20' });
  const hello = await helloServedLikeTheApp(stack);
  const browser = await launchChromium();
  try {
    // The last window was on a WhatsApp QR code when it was closed.
    const session = await stack.core.startSession({ bridgeID: 'local-whatsapp', flowID: 'qr' });
    stack.core.place.navigate({ to: 'session', sessionID: session.id });
    const context = await browser.newContext();
    const { app, base, ratios } = await interleavedPairs(context, ctx.reps(15), ctx.smoke, (p) => timeTo(p, stack.host.url, qrShown), (p) => timeTo(p, hello.url, helloShown));
    await stack.core.cancelSession(session.id);
    const r = distribution(ratios);
    return {
      id: 11,
      name: 'Reopened on a login in progress → its QR shown',
      unit: 'ms',
      measured: distribution(app),
      baseline: distribution(base),
      ratio: r.median,
      ratioSpread: { p25: r.p25, p75: r.p75 },
      compared: 'ratio',
      value: r.median,
      goal: '— (reported; ≤ 1.3× as figure 2)',
      met: null,
      notes: [`ratio of each interleaved pair: median ${r.median.toFixed(2)}, p25–p75 ${r.p25.toFixed(2)}–${r.p75.toFixed(2)} over ${r.n} pairs`],
    };
  } finally {
    await browser.close();
    await hello.close();
    await stack.stop();
  }
}
