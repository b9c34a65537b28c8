/** main/core/log.ts: rotation, redaction of secrets, and size bounds. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSink, LOG_LIMITS, Logger, memorySink, REDACTED, rotateLogFile, SecretRegistry } from '../../../main/core/log.ts';
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
