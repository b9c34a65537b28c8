#!/usr/bin/env node
/**
 * `npm run mutation`: StrykerJS over main/ and preload/contract/ (stryker.config.mjs), then one line
 * per module with its score — killed (or timed out) over all mutants, so a mutant no test reaches
 * counts as a survivor — against the goal for its folder. Reports: reports/mutation.json and
 * reports/mutation/index.html. Incremental: a re-run tests again only what changed.
 *
 *   --only <file,…>   mutate only these modules (their tests still run as usual)
 *   --smoke           one small module against its own test file, not incremental: proves the setup
 *                     still works (`npm test` runs this); fails if that module misses its goal
 *   --no-incremental  test every mutant again
 */
import { Stryker } from '@stryker-mutator/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' }, 'no-incremental': { type: 'boolean', default: false } } });

/** Security-critical modules: a higher bar. */
const STRICT = [/^main\/policy\/security\.ts$/, /^main\/policy\/cookie-capture\.ts$/, /^main\/core\/api\/origin\.ts$/, /^main\/core\/auth\//, /^main\/core\/patterns\.ts$/];
/** The goal for a module, or null where the issue sets none (Electron adapters, the contract). */
export function goalFor(file) {
  if (STRICT.some((re) => re.test(file))) return 95;
  if (file.startsWith('main/policy/') || file.startsWith('main/core/')) return 90;
  return null;
}

const SMOKE = { module: 'main/policy/notifications.ts', tests: 'test/main/policy/notifications.test.ts' };
const options = {};
if (values.smoke) {
  process.env['BAM_MUTATION_TESTS'] = SMOKE.tests;
  Object.assign(options, {
    mutate: [SMOKE.module],
    incremental: false,
    reporters: ['clear-text'],
    jsonReporter: { fileName: 'reports/mutation-smoke.json' },
  });
} else {
  if (values.only) options.mutate = values.only.split(',');
  if (values['no-incremental']) options.incremental = false;
}

const results = await new Stryker(options).runMutationTest();

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
/** @type {Map<string, { detected: number; total: number; survived: number; noCoverage: number }>} */
const byFile = new Map();
for (const r of results) {
  if (!COUNTED.has(r.status)) continue;
  const file = path.relative(root, path.resolve(root, r.fileName)).split(path.sep).join('/');
  const f = byFile.get(file) ?? { detected: 0, total: 0, survived: 0, noCoverage: 0 };
  f.total++;
  if (DETECTED.has(r.status)) f.detected++;
  if (r.status === 'Survived') f.survived++;
  if (r.status === 'NoCoverage') f.noCoverage++;
  byFile.set(file, f);
}

const rows = [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([file, f]) => {
  const score = f.total === 0 ? 100 : (100 * f.detected) / f.total;
  const goal = goalFor(file);
  return { file, score: Math.round(score * 10) / 10, killed: f.detected, survived: f.survived, noCoverage: f.noCoverage, total: f.total, goal, met: goal === null ? null : score >= goal };
});
console.log('\nMutation score per module (no-coverage mutants count as survivors)');
for (const r of rows) {
  const mark = r.met === null ? ' ' : r.met ? '✔' : '✘';
  console.log(`  ${mark} ${r.file.padEnd(48)} ${r.score.toFixed(1).padStart(5)}%  ${String(r.killed).padStart(4)}/${String(r.total).padEnd(4)} survived ${r.survived}, no coverage ${r.noCoverage}${r.goal === null ? '' : `  (goal ${r.goal}%)`}`);
}
const all = rows.reduce((t, r) => ({ killed: t.killed + r.killed, total: t.total + r.total }), { killed: 0, total: 0 });
const missed = rows.filter((r) => r.met === false);
console.log(`  total ${all.total === 0 ? '—' : ((100 * all.killed) / all.total).toFixed(1)}% (${all.killed}/${all.total}); ${missed.length} module(s) below their goal`);
mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(path.join(root, 'reports', values.smoke ? 'mutation-smoke-summary.json' : 'mutation-summary.json'), JSON.stringify({ at: new Date().toISOString(), rows, total: all }, null, 2));

if (values.smoke) {
  const row = rows.find((r) => r.file === SMOKE.module);
  const ok = row !== undefined && row.total > 0 && row.met === true;
  console.log(ok ? `mutation smoke: ${SMOKE.module} ${row.score}% ✔` : `mutation smoke failed: ${row ? `${row.score}% of ${row.total}` : 'no mutants tested'}`);
  process.exit(ok ? 0 : 1);
}
