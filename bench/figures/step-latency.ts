/** 3. Step latency: the simulator rotates the QR → the new QR is in the DOM; p50 and p95. */
import { launchChromium, marks, MARKS_SCRIPT, signedInStack, startWhatsAppQR } from '../support/browser.ts';
import { p95Figure, type BenchContext, type Figure } from '../support/stats.ts';

export async function stepLatency(ctx: BenchContext): Promise<Figure> {
  const stack = await signedInStack({ seed: 'large:20', simConfig: { qrRotationMs: 150 } });
  const issued = new Map<string, number>(); // QR data → when the simulator issued it
  const off = stack.sim.core.logins.onDisplay((_id, at, display) => {
    const d = display as { type?: string; data?: string } | undefined;
    if (d?.type === 'qr' && d.data) issued.set(d.data, at);
  });
  const browser = await launchChromium();
  const latencies: number[] = [];
  try {
    const page = await browser.newPage();
    await page.addInitScript(MARKS_SCRIPT);
    const target = ctx.smoke ? 3 : 60;
    while (latencies.length < target) {
      await page.goto(stack.host.url);
      await page.locator('section.network').first().waitFor();
      await startWhatsAppQR(page);
      // WhatsApp rotates its QR 5 times, then the login times out.
      await page.getByRole('heading', { name: /timed out|did not|failed/i }).or(page.getByRole('alert')).first().waitFor({ timeout: 10_000 });
      // The first QR came with the answer to "start": that is the client's own round trip, not a rotation.
      const rotations = (await marks(page)).filter((m) => m.qr && issued.has(m.qr)).slice(1);
      for (const m of rotations) latencies.push(m.at - issued.get(m.qr!)!);
      for (const s of stack.core.sessions.list()) await stack.core.sessions.dismiss(s.id).catch(() => undefined);
    }
  } finally {
    off();
    await browser.close();
    await stack.stop();
  }
  return p95Figure(3, 'Step latency: QR rotated → new QR in the DOM', latencies, 50, 'QR rotations');
}
