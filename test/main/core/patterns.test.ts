/**
 * Server-supplied patterns run on RE2: linear time, so a catastrophic pattern against a long value
 * a web page controls returns (with JavaScript's backtracking RegExp these calls would not return
 * for longer than any test runs).
 */
import { describe, expect, it } from 'vitest';
import { CookieFieldSchema, type UserInputStep } from '../../../main/core/api/schemas.ts';
import { compilePattern, MAX_PATTERN_INPUT } from '../../../main/core/patterns.ts';
import { prepareInput } from '../../../main/core/sessions/typed-input.ts';
import { CookieCapture } from '../../../main/policy/cookie-capture.ts';

const EVIL = '^(a+)+$';
const LONG = `${'a'.repeat(5_000)}!`;

describe('compilePattern', () => {
  it('runs a catastrophic pattern against a long value to its answer', () => {
    expect(compilePattern(EVIL)!.test(LONG)).toBe(false);
    expect(compilePattern(EVIL)!.test('aaaa')).toBe(true);
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

  it('a value longer than the cap does not match', () => {
    expect(compilePattern('a')!.test('a'.repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
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
    const e = new CookieCapture({
      url: 'https://x/login',
      expectedFinalURLRegex: EVIL,
      fields: [CookieFieldSchema.parse({ id: 'c', required: true, pattern: EVIL, sources: [{ type: 'cookie', name: 'c' }, { type: 'request_header', name: 'X-A', requestURLRegex: EVIL }] })],
    });
    e.onCookies([{ name: 'c', value: LONG }]);
    e.onRequest(`https://x/${LONG}`, { 'X-A': LONG });
    e.onURL(LONG);
    expect(e.values()).toEqual({});
    expect(e.isComplete()).toBe(false);
  });

  it('a typed value checked against a field pattern', () => {
    const step: UserInputStep = { type: 'user_input', stepID: 's', fields: [{ id: 'code', label: 'Code', pattern: EVIL }] };
    expect(prepareInput(step, { code: LONG })).toMatchObject({ kind: 'invalid_input', code: 'PATTERN_MISMATCH' });
    expect(prepareInput(step, { code: 'aaa' })).toEqual({ code: 'aaa' });
  });
});
