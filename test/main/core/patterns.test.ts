/**
 * Server-supplied patterns run on RE2: linear time, so a catastrophic pattern against a long value
 * a web page controls returns. With JavaScript's backtracking RegExp those calls would never return,
 * and a test cannot time out code that holds its own thread: so they run in a child process with a
 * deadline, and a regression fails here instead of hanging the suite.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePattern, MAX_PATTERN_INPUT } from '../../../main/core/patterns.ts';

const EVIL = '^(a+)+$';
const DEADLINE_MS = 15_000;
const module = (file: string): string => JSON.stringify(pathToFileURL(path.join(import.meta.dirname, '../../../main', file)).href);

/** Every place a server pattern meets a long page-controlled value, run against EVIL in one child process. */
const CATASTROPHIC = `
import { compilePattern } from ${module('core/patterns.ts')};
import { CookieFieldSchema } from ${module('core/api/schemas.ts')};
import { prepareInput } from ${module('core/sessions/typed-input.ts')};
import { CookieCapture } from ${module('policy/cookie-capture.ts')};
const EVIL = ${JSON.stringify(EVIL)};
const LONG = 'a'.repeat(5000) + '!';
const out = {};
out.compiled = [compilePattern(EVIL).test(LONG), compilePattern(EVIL).test('aaaa')];
const e = new CookieCapture({
  url: 'https://x/login',
  expectedFinalURLRegex: EVIL,
  fields: [CookieFieldSchema.parse({ id: 'c', required: true, pattern: EVIL, sources: [{ type: 'cookie', name: 'c' }, { type: 'request_header', name: 'X-A', requestURLRegex: EVIL }] })],
});
e.onCookies([{ name: 'c', value: LONG, domain: 'x' }]);
e.onRequest('https://x/' + LONG, { 'X-A': LONG });
e.onURL(LONG);
out.capture = { values: e.values(), complete: e.isComplete() };
const step = { type: 'user_input', stepID: 's', fields: [{ id: 'code', label: 'Code', pattern: EVIL }] };
const bad = prepareInput(step, { code: LONG });
out.typed = [{ kind: bad.kind, code: bad.code }, prepareInput(step, { code: 'aaa' })];
process.stdout.write(JSON.stringify(out));
`;

let results: { compiled: boolean[]; capture: unknown; typed: unknown[] } | null = null;
let failure = '';

beforeAll(() => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CATASTROPHIC], { encoding: 'utf8', timeout: DEADLINE_MS });
  if (r.error || r.status !== 0) failure = r.signal ? `a catastrophic pattern did not return within ${DEADLINE_MS} ms (${r.signal})` : `the check failed: ${r.stderr}`;
  else results = JSON.parse(r.stdout);
}, DEADLINE_MS + 5_000);

describe('compilePattern', () => {
  it('runs a catastrophic pattern against a long value to its answer', () => {
    expect(failure).toBe('');
    expect(results!.compiled).toEqual([false, true]);
  });

  it('finds like RegExp#test for the patterns bridges send', () => {
    const cases: Array<[string, string, boolean]> = [
      ['^xoxc-.+$', 'xoxc-T1-U1-abc', true],
      ['^xoxc-.+$', 'xoxd-1', false],
      ['^[0-9]{6}$', '424242', true],
      ['^https?://[^/]+/__signin/x/home', 'http://127.0.0.1:5/__signin/x/home?x=1', true],
      ['/api/', 'https://x.example/api/me', true],
      ['^(Acme Inc|Globex)$', 'Globex', true],
    ];
    for (const [source, value, expected] of cases) {
      expect(compilePattern(source)!.test(value)).toBe(expected);
      expect(new RegExp(source).test(value)).toBe(expected);
    }
  });

  it('a value longer than the cap does not match; one of exactly the cap does', () => {
    expect(compilePattern('a')!.test('a'.repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
    expect(compilePattern('a')!.test('a'.repeat(MAX_PATTERN_INPUT))).toBe(true);
  });

  it('no pattern is no pattern; a good one is not reported; a bad one is reported cut to 200 characters', () => {
    const reported: string[] = [];
    expect(compilePattern('', (x) => reported.push(x))).toBeNull();
    expect(compilePattern(undefined)).toBeNull();
    expect(compilePattern('^fine$', (x) => reported.push(x))!.test('fine')).toBe(true);
    const long = `(${'x'.repeat(300)}`;
    expect(compilePattern(long, (x) => reported.push(x))).toBeNull();
    expect(compilePattern('(also-bad')).toBeNull(); // no one to tell: no throw
    expect(reported).toEqual([long.slice(0, 200)]);
  });

  it('keeps at most 256 compiled patterns, forgetting the oldest first', () => {
    const reported: string[] = [];
    const bad = (i: number) => `(bad-${i}`;
    for (let i = 0; i < 300; i++) compilePattern(bad(i), (x) => reported.push(x));
    expect(reported).toHaveLength(300);
    compilePattern(bad(299), (x) => reported.push(x)); // still cached: not reported again
    expect(reported).toHaveLength(300);
    compilePattern(bad(0), (x) => reported.push(x)); // forgotten long ago: compiled and reported again
    expect(reported).toHaveLength(301);
    for (let i = 0; i < 256; i++) compilePattern(`^ok-${i}$`);
    compilePattern(bad(299), (x) => reported.push(x)); // pushed out by 256 newer ones
    expect(reported).toHaveLength(302);
  });

  it('a pattern RE2 cannot compile counts as none, and is reported once', () => {
    const reported: string[] = [];
    expect(compilePattern('(?=lookahead)x', (s) => reported.push(s))).toBeNull();
    expect(compilePattern('(?=lookahead)x', (s) => reported.push(s))).toBeNull();
    expect(compilePattern('(unclosed', (s) => reported.push(s))).toBeNull();
    expect(reported).toEqual(['(?=lookahead)x', '(unclosed']);
  });
});

describe('where server patterns meet page-controlled values', () => {
  it('the capture engine: a cookie pattern, a request URL filter and the final-URL pattern', () => {
    expect(failure).toBe('');
    expect(results!.capture).toEqual({ values: {}, complete: false });
  });

  it('a typed value checked against a field pattern', () => {
    expect(failure).toBe('');
    expect(results!.typed).toEqual([{ kind: 'invalid_input', code: 'PATTERN_MISMATCH' }, { code: 'aaa' }]);
  });
});

describe('the compiled-pattern cache at its edge', () => {
  it('holds exactly 256: the 256 newest stay, the one before them goes', () => {
    const reported: string[] = [];
    const tag = `edge-${Date.now()}`;
    for (let i = 0; i < 256; i++) compilePattern(`^${tag}-fill-${i}$`); // the cache now holds only these
    const bad = `(${tag}-bad`;
    compilePattern(bad, (x) => reported.push(x));
    for (let i = 0; i < 255; i++) compilePattern(`^${tag}-more-${i}$`);
    compilePattern(bad, (x) => reported.push(x)); // one of the 256 newest: still known
    expect(reported).toHaveLength(1);
    compilePattern(`^${tag}-last$`);
    compilePattern(bad, (x) => reported.push(x)); // now the 257th newest: forgotten, reported again
    expect(reported).toHaveLength(2);
  });
});
