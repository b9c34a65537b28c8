/** 1. Renderer size: JS + CSS loaded before first paint, against a hello-world React + zustand app. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { distribution, type BenchContext, type Figure } from '../support/stats.ts';
import { buildPage, firstPaintAssets, ROOT } from '../support/pages.ts';

function sizes(dir: string): { raw: number; gzip: number } {
  return firstPaintAssets(dir).reduce(
    (t, f) => {
      const bytes = readFileSync(f);
      return { raw: t.raw + bytes.length, gzip: t.gzip + gzipSync(bytes, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
}

export async function rendererSize(_ctx: BenchContext): Promise<Figure> {
  const tmp = path.join(os.tmpdir(), 'bam-bench-size');
  const app = sizes(await buildPage(path.join(ROOT, 'renderer'), path.join(tmp, 'app')));
  const hello = sizes(await buildPage(path.join(ROOT, 'bench/pages/hello'), path.join(tmp, 'hello')));
  const ratio = app.gzip / hello.gzip;
  return {
    id: 1,
    name: 'Renderer size before first paint (gzip)',
    unit: 'KiB',
    measured: distribution([app.gzip / 1024]),
    baseline: distribution([hello.gzip / 1024]),
    ratio,
    compared: 'ratio',
    value: ratio,
    goal: '≤ 1.25× hello-world',
    met: ratio <= 1.25,
    notes: [`raw: app ${(app.raw / 1024).toFixed(1)} KiB, hello-world ${(hello.raw / 1024).toFixed(1)} KiB`],
  };
}
