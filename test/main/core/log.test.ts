/** main/core/log.ts: rotation, redaction of secrets, and size bounds. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { consoleSink, fileSink, formatLine, LOG_LIMITS, Logger, memorySink, REDACTED, rotateLogFile, SecretRegistry } from '../../../main/core/log.ts';
import { useTempDir } from '../../support/temp-dir.ts';

const dir = useTempDir('bam-store-');

describe('log file rotation', () => {
  it('moves a log past its size limit aside, once, and leaves small ones alone', () => {
    const file = path.join(dir(), 'main.log');
    writeFileSync(file, 'x'.repeat(100));
    expect(rotateLogFile(file, 1000)).toBe(false);
    writeFileSync(file, 'y'.repeat(2000));
    expect(rotateLogFile(file, 1000)).toBe(true);
    expect(readFileSync(path.join(dir(), 'main.1.log'), 'utf8')).toBe('y'.repeat(2000));
    expect(existsSync(file)).toBe(false);
    expect(rotateLogFile(path.join(dir(), 'missing.log'))).toBe(false);
  });
});

describe('log redaction', () => {
  it('masks registered secrets, bearer headers, token parameters and sensitive keys', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink], level: 'debug' });
    log.secrets.add('s3cr3t-token-value');
    log.info('calling with s3cr3t-token-value', {
      headers: { Authorization: 'Bearer abc.def.ghi' },
      url: 'http://x/cb?code=AUTHCODE123&state=ok',
      nested: { deep: ['s3cr3t-token-value'], password: 'hunter22', fields: { 'fi.mau.telegram.login.code': '12345' } },
      note: 'Authorization: Bearer qwertyuiop',
    });
    const text = JSON.stringify(entries);
    for (const s of ['s3cr3t-token-value', 'abc.def.ghi', 'AUTHCODE123', 'hunter22', 'qwertyuiop', '12345']) expect(text).not.toContain(s);
    expect(text).toContain(REDACTED);
    expect(text).toContain('state=ok');
  });

  it('keeps an error’s server code, which support needs, and still drops every value the user typed', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink] });
    log.warn('login session failed', {
      error: { kind: 'server_error', code: 'GATEWAY_TIMEOUT', status: 504 },
      cause: { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' },
      fields: { code: '424242', phone: '+15550001111' },
      values: { 'fi.mau.telegram.login.code': '13579' },
      cookies: { d: 'xoxd-cookie' },
      token: 'pasted-token-1',
    });
    const text = JSON.stringify(entries);
    expect(entries[0]!.data).toMatchObject({ error: { code: 'GATEWAY_TIMEOUT', status: 504 }, cause: { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' } });
    for (const typed of ['424242', '+15550001111', '13579', 'xoxd-cookie', 'pasted-token-1']) expect(text).not.toContain(typed);
  });

  it('drops lines below the level, survives a throwing sink, and redacts Error messages', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [() => { throw new Error('sink down'); }, sink], level: 'warn' });
    log.info('ignored');
    log.error('failed', { error: new Error('token=abcdef123 rejected') });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain('abcdef123');
  });

  it('ignores too-short secrets so ordinary words survive', () => {
    const r = new SecretRegistry();
    r.add('abc');
    expect(r.redactText('abc def')).toBe('abc def');
  });

  it('a child logger shares secrets and sinks', () => {
    const { sink, entries } = memorySink();
    const root = new Logger({ sinks: [sink] });
    const child = root.child('auth');
    root.secrets.add('shared-secret-123');
    child.info('x shared-secret-123');
    expect(entries[0]).toMatchObject({ scope: 'app:auth', message: `x ${REDACTED}` });
  });
});

describe('log bounds', () => {
  it('the file sink rotates while the app runs, not only at start-up', () => {
    const file = path.join(dir(), 'main.log');
    const sink = fileSink(file, 2_000);
    const log = new Logger({ sinks: [sink] });
    for (let i = 0; i < 40; i++) log.info('a line of about a hundred characters', { i, padding: 'p'.repeat(40) });
    expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(path.join(dir(), 'main.1.log'))).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
  });

  it('cuts long strings, many keys and long lists in what one entry carries', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink] });
    log.warn('m'.repeat(10_000), { long: 'x'.repeat(100_000), many: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])), list: Array.from({ length: 500 }, (_, i) => i) });
    expect(JSON.stringify(entries[0]).length).toBeLessThan(LOG_LIMITS.string * 3 + 3_000);
  });
});

describe('log redaction and bounds, exactly', () => {
  it('secrets of eight characters count, shorter ones do not; every occurrence goes', () => {
    const r = new SecretRegistry();
    r.add('12345678');
    r.add('1234567');
    r.add(null);
    expect(r.redactText('a 12345678 b 12345678 c 1234567')).toBe(`a ${REDACTED} b ${REDACTED} c 1234567`);
  });

  it('masks bearer values after any space and token-like parameters whole, keeping the rest', () => {
    const r = new SecretRegistry();
    expect(r.redactText('Authorization: Bearer   abc.def rest')).toBe(`Authorization: Bearer   ${REDACTED} rest`);
    expect(r.redactText('x?access_token=AAA&code=BBB&token=CCC&code_verifier=DDD&password=EEE&state=ok')).toBe(
      `x?access_token=${REDACTED}&code=${REDACTED}&token=${REDACTED}&code_verifier=${REDACTED}&password=${REDACTED}&state=ok`,
    );
  });

  it('values: kept as they are, errors as name and message, nesting cut at six levels, own keys only', () => {
    const r = new SecretRegistry();
    expect([r.redact(null), r.redact(7), r.redact(true), r.redact(undefined)]).toEqual([null, 7, true, undefined]);
    expect(r.redact(new TypeError('boom'))).toEqual({ name: 'TypeError', message: 'boom' });
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } };
    expect(JSON.stringify(r.redact(deep))).toBe('{"a":{"b":{"c":{"d":{"e":{"f":{"g":"[…]"}}}}}}}');
    const inherited = Object.create({ secretInherited: 'x' }) as Record<string, unknown>;
    inherited['own'] = 1;
    expect(r.redact(inherited)).toEqual({ own: 1 });
  });

  it('long strings, long lists and many keys are cut, saying how much was left out', () => {
    const r = new SecretRegistry();
    const long = 'x'.repeat(LOG_LIMITS.string + 5);
    expect(r.redact(long)).toBe(`${'x'.repeat(LOG_LIMITS.string)}…[+5 chars]`);
    expect(r.redact('x'.repeat(LOG_LIMITS.string))).toBe('x'.repeat(LOG_LIMITS.string));
    const list = Array.from({ length: LOG_LIMITS.items + 2 }, (_, i) => i);
    expect(r.redact(list)).toEqual([...list.slice(0, LOG_LIMITS.items), '…[+2 items]']);
    expect(r.redact(list.slice(0, LOG_LIMITS.items))).toEqual(list.slice(0, LOG_LIMITS.items));
    expect(r.redact([[['x']]])).toEqual([[['x']]]);
    const many = Object.fromEntries(Array.from({ length: LOG_LIMITS.keys + 1 }, (_, i) => [`k${i}`, i]));
    const cut = r.redact(many) as Record<string, unknown>;
    expect(Object.keys(cut)).toHaveLength(LOG_LIMITS.keys + 1);
    expect(cut['…']).toBe('more keys left out');
    expect(cut[`k${LOG_LIMITS.keys - 1}`]).toBe(LOG_LIMITS.keys - 1);
    expect(Object.keys(r.redact(Object.fromEntries(Array.from({ length: LOG_LIMITS.keys }, (_, i) => [`k${i}`, i]))) as object)).toHaveLength(LOG_LIMITS.keys);
  });

  it('levels: info by default, each method writes its own level, data only when given', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink] });
    log.debug('hidden');
    log.info('i');
    log.warn('w', { a: 1 });
    log.error('e');
    expect(entries.map((e) => [e.level, e.scope, e.message, 'data' in e])).toEqual([
      ['info', 'app', 'i', false],
      ['warn', 'app', 'w', true],
      ['error', 'app', 'e', false],
    ]);
    const debug = memorySink();
    new Logger({ sinks: [debug.sink], level: 'debug' }).debug('seen');
    expect(debug.entries.map((e) => e.level)).toEqual(['debug']);
    new Logger().info('no sinks: nothing to do, nothing thrown');
  });

  it('the memory sink keeps the newest entries up to its limit', () => {
    const { sink, entries } = memorySink(3);
    const log = new Logger({ sinks: [sink] });
    for (const m of ['a', 'b', 'c', 'd', 'e']) log.info(m);
    expect(entries.map((e) => e.message)).toEqual(['c', 'd', 'e']);
  });

  it('the console sink: warnings and errors to stderr, the rest to the other stream', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const level of ['debug', 'info', 'warn', 'error'] as const) consoleSink({ time: 't', level, scope: 's', message: level });
    expect(err.mock.calls.map((c) => (JSON.parse(c[0] as string) as { message: string }).message)).toEqual(['warn', 'error']);
    expect(warn.mock.calls.map((c) => (JSON.parse(c[0] as string) as { message: string }).message)).toEqual(['debug', 'info']);
  });

  it('a log file that cannot be rotated does not stop the app; the default limit is 5 MB', () => {
    expect(rotateLogFile(path.join(dir(), 'missing-dir', 'x.log'), 0)).toBe(false);
    // The rotated name is taken by a folder: the rename fails, and rotation just says no.
    mkdirSync(path.join(dir(), 'y.1.log', 'inside'), { recursive: true });
    writeFileSync(path.join(dir(), 'y.log'), 'log');
    expect(rotateLogFile(path.join(dir(), 'y.log'), 0)).toBe(false);
    const file = path.join(dir(), 'big.log');
    writeFileSync(file, 'x'.repeat(5 * 1024 * 1024 - 1));
    expect(rotateLogFile(file)).toBe(false);
    writeFileSync(file, 'x'.repeat(5 * 1024 * 1024));
    expect(rotateLogFile(file)).toBe(true);
  });
});

describe('log details that are easy to get wrong', () => {
  it('what a redacted value reads as', () => {
    expect(REDACTED).toBe('[redacted]');
  });

  it('sensitive keys in every spelling are dropped; keys that only contain such a word are kept', () => {
    const r = new SecretRegistry();
    const sensitive = ['access_token', 'accessToken', 'ACCESSTOKEN', 'token', 'refresh_token', 'refreshToken', 'authorization', 'password', 'passphrase', 'secret', 'cookie', 'cookies', 'fields', 'code_verifier', 'codeVerifier', 'verifier', 'values', 'ciphertext'];
    for (const k of sensitive) expect(r.redact({ [k]: 'v' }), k).toEqual({ [k]: REDACTED });
    for (const k of ['tokenCount', 'hasPassword', 'cookieDomain', 'code', 'field']) expect(r.redact({ [k]: 'v' }), k).toEqual({ [k]: 'v' });
  });

  it('nesting in lists counts toward the depth limit too', () => {
    const r = new SecretRegistry();
    expect(JSON.stringify(r.redact([[[[[[[['deep']]]]]]]]))).toBe('[[[[[[["[…]"]]]]]]]');
  });

  it('a logger without sinks writes nowhere and does not fail', () => {
    expect(() => new Logger().warn('nothing listens')).not.toThrow();
  });

  it('rotating a log in a folder whose name contains ".log": only the ending is replaced', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'bam-x.logs-'));
    try {
      const file = path.join(folder, 'app.log');
      writeFileSync(file, 'x'.repeat(20));
      expect(rotateLogFile(file, 10)).toBe(true);
      expect(readFileSync(path.join(folder, 'app.1.log'), 'utf8')).toBe('x'.repeat(20));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a file sink: rotates at start from 5 MB by default, writes one line per entry, and rotates only once a line would pass the limit', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'bam-logs-'));
    try {
      const file = path.join(folder, 'app.log');
      writeFileSync(file, Buffer.alloc(5 * 1024 * 1024 - 1, 0x61));
      fileSink(file);
      expect(existsSync(path.join(folder, 'app.1.log'))).toBe(false);
      writeFileSync(file, Buffer.alloc(5 * 1024 * 1024, 0x61));
      fileSink(file);
      expect(existsSync(path.join(folder, 'app.1.log'))).toBe(true);
      rmSync(path.join(folder, 'app.1.log'));
      rmSync(file, { force: true });

      const entry = { time: '2026-11-30T00:00:00.000Z', level: 'info' as const, scope: 'app', message: 'same length' };
      const line = `${formatLine(entry)}\n`;
      const sink = fileSink(file, 2 * line.length);
      sink(entry);
      sink(entry);
      expect(readFileSync(file, 'utf8')).toBe(line + line); // exactly at the limit: not rotated
      expect(existsSync(path.join(folder, 'app.1.log'))).toBe(false);
      sink(entry);
      expect(readFileSync(path.join(folder, 'app.1.log'), 'utf8')).toBe(line + line);
      expect(readFileSync(file, 'utf8')).toBe(line);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
