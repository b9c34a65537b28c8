#!/usr/bin/env node
/**
 * `npm run bench`: how light and quick the app is, each figure against a baseline measured in the
 * same run, as distributions (median, spread), never one absolute time. Prints a table and writes
 * reports/bench.json. `--smoke`: one short iteration of each figure, no goals checked (.ci/run
 * runs it so the bench cannot rot). `--only 3,4`: just those figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FIGURES } from './figures/index.ts';
import { ROOT } from './support/pages.ts';
import type { BenchContext, Figure } from './support/stats.ts';

const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' } } });
const smoke = values.smoke ?? false;
const only = values.only ? new Set(values.only.split(',').map(Number)) : null;
const ctx: BenchContext = { smoke, reps: (n) => (smoke ? 1 : n) };

const results: Figure[] = [];
const failures: Array<{ id: number; error: string }> = [];
for (const [id, run] of FIGURES) {
  if (only && !only.has(id)) continue;
  const started = Date.now();
  try {
    const figures = [await run(ctx)].flat();
    results.push(...figures.map((f) => (smoke ? { ...f, met: null } : f)));
    console.log(`  figure ${id} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    failures.push({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    console.error(`  figure ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
console.log(`\nBench${smoke ? ' (smoke: one iteration, goals not checked)' : ''}`);
console.log('  #  figure                                              median  p25–p75            baseline  ratio  value (what)        goal                           met');
for (const f of results) {
  const m = f.measured;
  console.log(
    `  ${String(f.id).padEnd(2)} ${`${f.name} [${f.unit}]`.padEnd(50).slice(0, 50)}  ${fmt(m.median).padStart(7)}  ${`${fmt(m.p25)}–${fmt(m.p75)}`.padEnd(17)}  ${fmt(f.baseline?.median).padStart(8)}  ${fmt(f.ratio, 2).padStart(5)}  ${`${fmt(f.value, 2)} (${f.compared})`.padEnd(18)}  ${f.goal.padEnd(30)}  ${f.met === null ? '—' : f.met ? 'yes' : 'NO'}`,
  );
  for (const n of f.notes ?? []) console.log(`       ${n}`);
}
const out = path.join(ROOT, 'reports', smoke ? 'bench-smoke.json' : 'bench.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), smoke, node: process.versions.node, figures: results, failures }, null, 2));
console.log(`\nwritten: ${path.relative(ROOT, out)}`);
process.exit(failures.length > 0 ? 1 : 0);
