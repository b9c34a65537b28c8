/** 4. Reaction to the phone: /__sim/…/scan → "connected" shown; p95 over 20 logins. */
import { launchChromium, marks, MARKS_SCRIPT, signedInStack, startWhatsAppQR } from '../support/browser.ts';
import { p95Figure, type BenchContext, type Figure } from '../support/stats.ts';

export async function phoneReaction(ctx: BenchContext): Promise<Figure> {
  const stack = await signedInStack({ seed: 'large:20' });
  const browser = await launchChromium();
  const reactions: number[] = [];
  try {
    const page = await browser.newPage();
    await page.addInitScript(MARKS_SCRIPT);
    await page.goto(stack.host.url);
    await page.locator('section.network').first().waitFor();
    for (let i = 0; i < ctx.reps(24); i++) {
      await startWhatsAppQR(page);
      const scanned = Date.now();
      const res = await fetch(`${stack.sim.url}/__sim/bridges/local-whatsapp/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (res.status !== 200) throw new Error(`scan answered ${res.status}`);
      await page.getByRole('heading', { name: 'WhatsApp is connected' }).waitFor();
      const shown = (await marks(page)).findLast((m) => m.heading === 'WhatsApp is connected')!.at;
      reactions.push(shown - scanned);
      await page.getByRole('button', { name: 'Done' }).click();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return p95Figure(4, 'Reaction to the phone: scan → "connected" shown', reactions, 100, 'logins');
}
