/** 5. Idle load on Beeper Desktop: requests per real minute with 20 accounts, window visible and hidden. */
import { startSimulator } from '../../test/simulator/index.ts';
import { apiRequests, scaledPolicy, startCore } from '../support/core.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

/** Timers run this much faster; counts are scaled back to real minutes. */
const SCALE = 1 / 30;

export async function idleLoad(ctx: BenchContext): Promise<Figure[]> {
  const sim = await startSimulator({ port: 0, seed: 'large:20' });
  const { core, stop } = await startCore(sim, { refreshPolicy: scaledPolicy(SCALE) });
  const periodMs = ctx.smoke ? 2_000 : 20_000; // = 10 real minutes at SCALE
  const perRealMinute = async (visible: boolean): Promise<{ rate: number; paths: string[] }> => {
    core.setVisible(visible);
    sim.core.log = [];
    await new Promise((r) => setTimeout(r, periodMs));
    const seen = apiRequests(sim);
    return { rate: (seen.length / (periodMs / 60_000)) * SCALE, paths: [...new Set(seen.map((r) => `${r.method} ${r.path.replace(/\/[^/]*_[^/]+/g, '/…')}`))] };
  };
  try {
    const visible = await perRealMinute(true);
    const hidden = await perRealMinute(false);
    const naive = distribution([60]);
    const mk = (id: number, name: string, m: { rate: number; paths: string[] }, goal: number): Figure => ({
      id,
      name,
      unit: 'req/min',
      measured: distribution([m.rate]),
      baseline: naive,
      ratio: m.rate / 60,
      compared: 'req/min',
      value: m.rate,
      goal: `≤ ${goal}/min`,
      met: m.rate <= goal,
      notes: [`${(periodMs * (1 / SCALE)) / 60_000} real minutes at ${Math.round(1 / SCALE)}× speed; requests: ${m.paths.join(', ') || 'none'}`],
    });
    return [mk(5, 'Idle load, window visible (20 accounts)', visible, 6), mk(5, 'Idle load, window hidden (20 accounts)', hidden, 2)];
  } finally {
    await stop();
    await sim.stop();
  }
}
