/** 9. Main-process start cost: loading the built main process up to creating the window, against an empty main process (one that imports electron). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/pages.ts';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';

function once(target: 'main' | 'empty'): number {
  const out = execFileSync(process.execPath, [path.join(import.meta.dirname, 'main-start-child.ts'), target], { encoding: 'utf8', cwd: ROOT });
  const m = /\{"ms":([\d.]+)\}/.exec(out);
  if (!m) throw new Error(`no timing from the ${target} run: ${out.slice(0, 300)}`);
  return Number(m[1]);
}

export function mainStart(ctx: BenchContext): Promise<Figure> {
  execFileSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const main: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < ctx.reps(9); i++) {
    main.push(once('main'));
    empty.push(once('empty'));
  }
  const m = distribution(main);
  const b = distribution(empty);
  const above = m.median - b.median;
  return Promise.resolve({
    id: 9,
    name: 'Main-process start, up to creating the window',
    unit: 'ms',
    measured: m,
    baseline: b,
    ratio: m.median / b.median,
    compared: 'ms above',
    value: above,
    goal: '≤ 40 ms above baseline',
    met: above <= 40,
  });
}
