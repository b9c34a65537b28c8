/** 7. Memory: the core's heap with 500 accounts on 50 networks, and its growth over 200 logins. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

const MB = 1024 * 1024;

export function memory(ctx: BenchContext): Promise<Figure[]> {
  const runs: Array<{ coreWith500: number; growth: number }> = [];
  for (let i = 0; i < ctx.reps(3); i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', path.join(import.meta.dirname, 'memory-child.ts'), String(ctx.smoke ? 20 : 200)], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').at(-1)!) as { coreWith500: number; growth: number });
  }
  const loaded = distribution(runs.map((r) => r.coreWith500 / MB));
  const growth = distribution(runs.map((r) => r.growth / MB));
  return Promise.resolve([
    { id: 7, name: 'Memory: core heap with 500 accounts, 50 networks', unit: 'MB', measured: loaded, baseline: null, ratio: null, compared: 'median', value: loaded.median, goal: '(reported)', met: true },
    {
      id: 7,
      name: 'Memory: heap growth over 200 login sessions',
      unit: 'MB',
      measured: growth,
      baseline: null,
      ratio: null,
      compared: 'max',
      value: growth.max,
      goal: '≤ 5 MB',
      met: growth.max <= 5,
      notes: ['after 10 warm-up logins, after GC; the simulator shares the process and is counted'],
    },
  ]);
}
