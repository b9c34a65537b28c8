#!/usr/bin/env node
/**
 * The security gate: Electronegativity over the built app (out/), run through npx with a pinned
 * version so it stays isolated from the project's own dependencies. Fails on any finding above LOW
 * that security/electronegativity-accepted.json does not accept, with a reason. The full report is
 * kept as test-results/electronegativity.csv.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '1.10.3';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const report = path.join(root, 'test-results', 'electronegativity.csv');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

if (!existsSync(path.join(root, 'out/main/index.js'))) {
  console.error('security gate: the app is not built (run `npm run build`).');
  process.exit(1);
}
mkdirSync(path.dirname(report), { recursive: true });
const run = spawnSync('npx', ['--yes', `@doyensec/electronegativity@${VERSION}`, '-i', 'out', '-r', '-v', 'false', '-e', electronVersion, '-o', report], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, npm_config_update_notifier: 'false' },
});
if (run.status !== 0 || !existsSync(report)) {
  console.error(`security gate: Electronegativity did not run (exit ${run.status}).\n${run.stderr ?? ''}`);
  process.exit(1);
}

/** Parses Electronegativity's CSV (quoted fields, "" escapes). */
function parseCSV(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') {
      field += c;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const [header, ...rows] = parseCSV(readFileSync(report, 'utf8'));
const col = (name) => header.findIndex((h) => h.trim().toLowerCase() === name);
const findings = rows
  .filter((r) => r.length >= header.length - 1)
  .map((r) => ({ check: r[col('issue')], severity: r[col('severity')], confidence: r[col('confidence')], file: r[col('filename')], location: r[col('location')], sample: r[col('sample')] }));
const accepted = JSON.parse(readFileSync(path.join(root, 'security/electronegativity-accepted.json'), 'utf8')).accepted;
const isAccepted = (f) => accepted.some((a) => a.check === f.check && new RegExp(a.sample).test(f.sample) && a.reason.length > 20);
const aboveLow = findings.filter((f) => f.severity !== 'LOW' && f.severity !== 'INFORMATIONAL');
const failing = aboveLow.filter((f) => !isAccepted(f));

console.log(`Electronegativity ${VERSION}: ${findings.length} findings, ${aboveLow.length} above LOW, ${aboveLow.length - failing.length} accepted with a reason (security/electronegativity-accepted.json). Report: ${path.relative(root, report)}`);
for (const f of failing) console.error(`  ✖ ${f.severity} ${f.check} ${f.file}:${f.location}  ${f.sample.slice(0, 120)}`);
process.exit(failing.length > 0 ? 1 : 0);
