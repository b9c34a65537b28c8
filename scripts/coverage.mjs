#!/usr/bin/env node
/**
 * `npm run coverage`: line and branch coverage of main/ and preload/, as figures (not a test).
 *
 * 1. Builds with the preload's source map inlined (BAM_COVERAGE=1).
 * 2. Runs every Vitest suite with V8 coverage (main/ and preload/ as Node runs them). The
 *    Electron harness (test/harness) runs the real preload bundle in Chromium and writes
 *    Chromium's coverage of it to coverage/preload-v8.
 * 3. Maps that back to preload/*.ts with ast-v8-to-istanbul — the converter Vitest uses, so
 *    both agree on where each statement, branch and function is — merges, and prints the
 *    figures for main/ and preload/, then rebuilds without source maps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { convert } from 'ast-v8-to-istanbul';
import convertSourceMap from 'convert-source-map';
import { parseAstAsync } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'coverage');
const preloadRaw = path.join(out, 'preload-v8');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(command, args, env = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`${path.basename(command)} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
run(bin('electron-vite'), ['build', '--logLevel', 'warn'], { BAM_COVERAGE: '1' });
run(bin('vitest'), ['run', '--coverage'], { BAM_PRELOAD_COVERAGE_DIR: preloadRaw });

const map = libCoverage.createCoverageMap(JSON.parse(readFileSync(path.join(out, 'node', 'coverage-final.json'), 'utf8')));
const bundle = path.join(root, 'out/preload/index.cjs');
const code = readFileSync(bundle, 'utf8');
const sourceMap = convertSourceMap.fromSource(code)?.toObject();
if (!sourceMap) throw new Error('out/preload/index.cjs has no inline source map (BAM_COVERAGE=1 build)');
const ast = await parseAstAsync(code);
const runs = existsSync(preloadRaw) ? readdirSync(preloadRaw) : [];
const inChromium = libCoverage.createCoverageMap({});
for (const file of runs) {
  const { entries } = JSON.parse(readFileSync(path.join(preloadRaw, file), 'utf8'));
  for (const entry of entries) {
    // Where the bundle starts in what Chromium ran (the harness's and Playwright's wrappers first).
    const wrapperLength = entry.source.indexOf(code);
    if (wrapperLength < 0) throw new Error(`${file}: the preload Chromium ran is not out/preload/index.cjs`);
    inChromium.merge(await convert({ code, ast, sourceMap, wrapperLength, coverage: { url: `file://${bundle}`, functions: entry.functions } }));
  }
}
// A file Node never ran is listed by Vitest with every count at zero, located by Vitest's own
// transform; the bundle's locations differ slightly, so merging would count each thing twice.
const ranInNode = (file) => {
  const fc = map.data[file] ? map.fileCoverageFor(file) : null;
  return fc !== null && Object.values(fc.s).some((n) => n > 0);
};
for (const file of inChromium.files()) {
  if (!ranInNode(file)) delete map.data[file];
  map.addFileCoverage(inChromium.fileCoverageFor(file));
}
map.filter((file) => ['main', 'preload'].some((dir) => file.startsWith(path.join(root, dir) + path.sep)));
writeFileSync(path.join(out, 'coverage-final.json'), JSON.stringify(map.toJSON()));

const context = libReport.createContext({ dir: out, coverageMap: map, defaultSummarizer: 'nested' });
reports.create('text', { skipFull: true }).execute(context);
reports.create('html').execute(context);

const pct = (n) => `${n.pct.toFixed(1)}%`.padStart(7);
console.log(`\nCoverage (${runs.length} harness windows ran the preload bundle in Chromium)`);
console.log('  folder     lines   branches   functions');
for (const dir of ['main', 'preload']) {
  const sub = libCoverage.createCoverageMap(map.toJSON());
  sub.filter((file) => file.startsWith(path.join(root, dir) + path.sep));
  const s = sub.getCoverageSummary();
  console.log(`  ${`${dir}/`.padEnd(9)}${pct(s.lines)}  ${pct(s.branches)}    ${pct(s.functions)}`);
}
console.log(`HTML report: ${path.relative(root, path.join(out, 'index.html'))}`);

run(bin('electron-vite'), ['build', '--logLevel', 'warn']); // leave out/ as a normal build
