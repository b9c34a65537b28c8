#!/usr/bin/env node
/**
 * `npm run mutation`: StrykerJS over main/ and preload/contract/ (stryker.config.mjs). Each module is
 * mutated against its own mirrored test file and the suites listed for it in SUITES below (the
 * whole-core suites that exercise it), never the whole test tree: a mutant then runs in well under
 * a second instead of starting a simulator per suite. Prints one line per module — killed (or timed
 * out) over all mutants, so a mutant no test reaches counts as a survivor — against the goal for its
 * folder. Reports: reports/mutation.json (all modules), reports/mutation/<module>.html. Incremental:
 * a re-run reuses a kill whose killing test is unchanged, and tests again every mutant that changed
 * or was not killed (reports/stryker-incremental/; see forgetSurvivors).
 *
 *   --only <prefix,…>  only the modules whose path starts with one of these (e.g. main/policy/)
 *   --smoke            one small module against its own test file, not incremental: proves the setup
 *                      still works (`npm test` runs this); fails if that module misses its goal
 *   --no-incremental   test every mutant again (the result is kept for the next incremental run)
 *   --table            print the last full run (reports/mutation.json) as the README's Markdown table
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' }, 'no-incremental': { type: 'boolean', default: false }, table: { type: 'boolean', default: false } } });

if (values.table) {
  const report = JSON.parse(readFileSync(path.join(root, 'reports', 'mutation.json'), 'utf8'));
  console.log('| module | score | killed / mutants | goal |\n| --- | --- | --- | --- |');
  for (const r of report.rows) {
    const goal = r.goal === null ? '—' : `${r.goal}% ${r.met ? '✔' : '✘'}`;
    console.log(`| ${r.file} | ${r.total === 0 ? '—' : `${r.score.toFixed(1)}%`} | ${r.killed} / ${r.total} | ${goal} |`);
  }
  const t = report.total;
  console.log(`| **all** | ${((100 * t.killed) / t.total).toFixed(1)}% | ${t.killed} / ${t.total} | |`);
  process.exit(0);
}

/** Security-critical modules: a higher bar. */
const STRICT = [/^main\/policy\/security\.ts$/, /^main\/policy\/cookie-capture\.ts$/, /^main\/core\/api\/origin\.ts$/, /^main\/core\/auth\//, /^main\/core\/patterns\.ts$/];
function goalFor(file) {
  if (STRICT.some((re) => re.test(file))) return 95;
  if (file.startsWith('main/policy/') || file.startsWith('main/core/')) return 90;
  return null; // the Electron adapters and the contract: measured, no goal set
}

const WHOLE_CORE = 'test/main/core/account-manager';
const core = (...names) => names.map((n) => `${WHOLE_CORE}/${n}.test.ts`);
/**
 * Suites beyond a module's own test file that exercise it (a thin module may have only these). Only
 * the lighter whole-core files: the fault matrix, the per-profile session suites and the token-origin
 * races start simulators or wait out timeouts in every test and would make each mutant cost seconds.
 */
const SUITES = {
  // account-manager.ts: its own test file only; with the whole-core suites a run took over 15 minutes.
  'main/core/ipc/handlers.ts': core('ipc-and-secrets'),
  'main/core/auth/auth.ts': core('auth'),
  'main/core/accounts/refresher.ts': core('accounts'),
  'main/core/api/client.ts': ['test/main/core/errors.test.ts'],
  'main/core/sessions/engine.ts': [...core('newer-server'), 'test/main/core/sessions/engine-sequences.test.ts'],
  // The machine's transitions, as the engine's own tests drive them.
  'main/core/sessions/session-machine.ts': ['test/main/core/sessions/engine.test.ts'],
  'main/core/updates.ts': core('updates-and-settings'),
  'main/core/storage/settings.ts': core('updates-and-settings'),
  'main/electron/capture.ts': ['test/main/electron/compose.test.ts'],
  'main/electron/links.ts': ['test/main/electron/compose.test.ts'],
  'main/electron/updater.ts': ['test/main/electron/compose.test.ts'],
  'preload/contract/schemas.ts': ['test/main/core/ipc/registry.test.ts', ...core('ipc-and-secrets')],
  'preload/contract/views.ts': ['test/main/core/ipc/registry.test.ts', 'test/main/core/sessions/engine.test.ts'],
};
const SKIP = new Set(['main/index.ts', 'preload/contract/channels.ts']); // wiring and constants only

const listTs = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
const testsOf = (file) => [`test/${file.replace(/\.ts$/, '.test.ts')}`, ...(SUITES[file] ?? [])].filter((t) => existsSync(path.join(root, t)));

const SMOKE = 'main/policy/notifications.ts';
const modules = values.smoke
  ? [SMOKE]
  : [...listTs('main'), ...listTs('preload/contract')].filter((f) => !SKIP.has(f) && (!values.only || values.only.split(',').filter(Boolean).some((p) => f.startsWith(p)))).sort();

const { Stryker } = await import('@stryker-mutator/core'); // not needed by --table
const DETECTED = new Set(['Killed', 'Timeout']);

/**
 * Stryker reuses a survivor when no test covering it changed, but a static mutant (a module-level
 * constant) has no per-test coverage, so a new test that kills it would never be tried: the survivor
 * would stay in the figures. Dropping the survivors from the incremental file makes them run again;
 * there are few of them, so a re-run stays quick.
 */
function forgetSurvivors(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const f of Object.values(report.files ?? {})) f.mutants = f.mutants.filter((m) => DETECTED.has(m.status));
  writeFileSync(file, JSON.stringify(report));
}

const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const rows = [];
for (const file of modules) {
  const tests = testsOf(file);
  if (tests.length === 0) {
    rows.push({ file, score: 0, killed: 0, survived: 0, noCoverage: 0, total: 0, goal: goalFor(file), met: goalFor(file) === null ? null : false, tests: [] });
    continue;
  }
  process.env['BAM_MUTATION_TESTS'] = tests.join(',');
  const slug = file.replace(/[/.]/g, '_');
  const incrementalFile = `reports/stryker-incremental/${slug}.json`;
  if (!values.smoke && !values['no-incremental']) forgetSurvivors(incrementalFile);
  const options = {
    mutate: [file],
    incremental: !values.smoke,
    force: values['no-incremental'], // test every mutant, and still write the incremental file
    incrementalFile,
    reporters: values.smoke ? ['clear-text'] : ['clear-text', 'html'],
    htmlReporter: { fileName: `reports/mutation/${slug}.html` },
    logLevel: 'warn',
  };
  console.log(`\n▶ ${file}  (${tests.join(', ')})`);
  let results;
  try {
    results = await new Stryker(options).runMutationTest();
  } catch (e) {
    // One module that cannot be run (its suites no longer reach it) fails the run, not the others.
    console.error(`✘ ${file}: ${e instanceof Error ? e.message : String(e)}`);
    rows.push({ file, score: 0, killed: 0, survived: 0, noCoverage: 0, total: 0, goal: goalFor(file), met: false, tests, error: true });
    continue;
  }
  const f = { killed: 0, survived: 0, noCoverage: 0, total: 0 };
  for (const r of results) {
    if (!COUNTED.has(r.status)) continue;
    f.total++;
    if (DETECTED.has(r.status)) f.killed++;
    if (r.status === 'Survived') f.survived++;
    if (r.status === 'NoCoverage') f.noCoverage++;
  }
  const score = f.total === 0 ? 100 : Math.round((1000 * f.killed) / f.total) / 10;
  const goal = goalFor(file);
  rows.push({ file, score, ...f, goal, met: goal === null ? null : score >= goal, tests });
}

console.log('\nMutation score per module (no-coverage mutants count as survivors)');
for (const r of rows) {
  const mark = r.met === null ? ' ' : r.met ? '✔' : '✘';
  const what = r.error ? 'could not run (see above)' : r.tests.length === 0 ? 'no test file' : `${String(r.killed).padStart(4)}/${String(r.total).padEnd(4)} survived ${r.survived}, no coverage ${r.noCoverage}`;
  console.log(`  ${mark} ${r.file.padEnd(44)} ${r.score.toFixed(1).padStart(5)}%  ${what}${r.goal === null ? '' : `  (goal ${r.goal}%)`}`);
}
const all = rows.reduce((t, r) => ({ killed: t.killed + r.killed, total: t.total + r.total }), { killed: 0, total: 0 });
const missed = rows.filter((r) => r.met === false);
const broken = rows.filter((r) => r.error);
console.log(`  total ${all.total === 0 ? '—' : ((100 * all.killed) / all.total).toFixed(1)}% (${all.killed}/${all.total}); ${missed.length} module(s) below their goal${broken.length > 0 ? `, ${broken.length} could not be run` : ''}`);
mkdirSync(path.join(root, 'reports'), { recursive: true });
writeFileSync(path.join(root, 'reports', values.smoke ? 'mutation-smoke.json' : 'mutation.json'), JSON.stringify({ at: new Date().toISOString(), rows, total: all }, null, 2));

if (values.smoke) {
  const row = rows[0];
  const ok = row !== undefined && row.total > 0 && row.met === true;
  console.log(ok ? `mutation smoke: ${SMOKE} ${row.score}% ✔` : `mutation smoke failed: ${row ? `${row.score}% of ${row.total}` : 'no mutants tested'}`);
  process.exit(ok ? 0 : 1);
}
// A module below its goal, or one that could not be run, fails the run (as a check would).
if (missed.length > 0 || broken.length > 0) process.exitCode = 1;
