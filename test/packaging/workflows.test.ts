/**
 * The hosted CI and release workflows cannot run here, so they are checked as far as they can be:
 * valid against GitHub's workflow schema (action-validator, offline), every npm script and npx
 * tool they call exists, and every secret they use is documented in RELEASING.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, '.github/workflows');
const workflows = readdirSync(dir).filter((f) => f.endsWith('.yml'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

type Step = { run?: string };
type Workflow = { jobs: Record<string, { steps: Step[] }> };
const runs = (file: string): string[] =>
  Object.values((yaml.load(readFileSync(path.join(dir, file), 'utf8')) as Workflow).jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));

describe('GitHub workflows', () => {
  it('there is a CI workflow and a release workflow', () => {
    expect(workflows.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(workflows)('%s is valid against the workflow schema', (file) => {
    const r = spawnSync(path.join(root, 'node_modules/.bin/action-validator'), [path.join(dir, file)], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(workflows)('every npm script and npx tool %s calls exists', (file) => {
    const commands = runs(file).join('\n');
    const scripts = [...commands.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    if (/\bnpm test\b/.test(commands)) scripts.push('test');
    for (const s of scripts) expect(pkg.scripts, `npm script "${s}"`).toHaveProperty([s]);
    const tools = [...commands.matchAll(/npx ([\w@/.-]+)/g)].map((m) => m[1]!);
    for (const t of tools) expect(existsSync(path.join(root, 'node_modules/.bin', t)), `npx ${t}`).toBe(true);
    expect(scripts.length + tools.length).toBeGreaterThan(0);
  });

  it('every secret the workflows use is documented in RELEASING.md', () => {
    const releasing = readFileSync(path.join(root, 'RELEASING.md'), 'utf8');
    const secrets = workflows.flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/secrets\.(\w+)/g)].map((m) => m[1]!)).filter((s) => s !== 'GITHUB_TOKEN');
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(releasing, s).toContain(`\`${s}\``);
  });
});
