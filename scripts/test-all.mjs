#!/usr/bin/env node
/**
 * `npm test`: every check and suite, in order, each run even when an earlier one failed, then one
 * summary line `N passed, N failed, N skipped` summing them all. Exits non-zero if anything failed.
 *
 *   typecheck, lint, build, build:preview, security (Electronegativity) — counted as one check each
 *   bench:smoke             — one short iteration of every bench figure, goals not checked (one check)
 *   mutation:smoke          — StrykerJS on one small module against its test file (one check)
 *   vitest                  — unit, integration and contract tests
 *   playwright              — browser tests in Debian's Chromium
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Node ${process.versions.node} is too old: this project needs Node >= 22.18 (Vitest 5 and Electron 45 tooling, and type stripping to run the .ts simulator).`);
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

mkdirSync(results, { recursive: true });

/** @type {Array<{ name: string; passed: number; failed: number; skipped: number; note?: string }>} */
const suites = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.error) console.error(`${label} could not start: ${r.error.message}`);
  return { ok: r.status === 0, status: r.status, seconds };
}

function check(name, command, args) {
  const r = run(name, command, args);
  suites.push({ name, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, skipped: 0, note: `${r.seconds}s` });
}

function readJSON(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ static checks and build
check('typecheck', bin('tsc'), ['-b']);
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('build', bin('electron-vite'), ['build']);
check('build:preview', bin('vite'), ['build', '--config', 'vite.preview.config.ts', '--logLevel', 'warn']);
check('security', process.execPath, [path.join(root, 'scripts/security-gate.mjs')]);
check('bench:smoke', process.execPath, [path.join(root, 'bench/run.ts'), '--smoke']);
check('mutation:smoke', process.execPath, [path.join(root, 'scripts/mutation.mjs'), '--smoke']);

// ------------------------------------------------------------------ vitest
{
  const out = path.join(results, 'vitest.json');
  rmSync(out, { force: true });
  const r = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const json = readJSON(out);
  if (json) {
    const failed = json.numFailedTests + (r.ok || json.numFailedTests > 0 ? 0 : 1);
    suites.push({ name: 'vitest', passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests });
  } else {
    suites.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0, note: 'no results (crashed before reporting)' });
  }
}

// ------------------------------------------------------------------ playwright
{
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const out = path.join(results, 'browser', 'results.json');
  if (!existsSync(chromium)) {
    console.error(`\n✖ playwright: no Chromium at ${chromium}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
    suites.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0, note: 'Chromium missing' });
  } else {
    rmSync(out, { force: true });
    const r = run('playwright', bin('playwright'), ['test'], { BAM_PREVIEW_BUILT: '1' });
    const json = readJSON(out);
    if (json?.stats) {
      const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = json.stats;
      const crashed = !r.ok && unexpected === 0 ? 1 : 0; // e.g. a config or global-setup error
      suites.push({ name: 'playwright', passed: expected + flaky, failed: unexpected + crashed, skipped });
    } else {
      suites.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0, note: 'no results (crashed before reporting)' });
    }
  }
}

// ------------------------------------------------------------------ summary
const total = suites.reduce((t, s) => ({ passed: t.passed + s.passed, failed: t.failed + s.failed, skipped: t.skipped + s.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log('\nSummary');
for (const s of suites) {
  const mark = s.failed > 0 ? '✖' : '✔';
  console.log(`  ${mark} ${s.name.padEnd(13)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.note ? `  (${s.note})` : ''}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
