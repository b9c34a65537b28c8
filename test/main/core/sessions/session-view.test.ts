/** main/core/sessions/session-view.ts: what a login step becomes on screen, from answers as the server sends them. */
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../../main/core/api/client.ts';
import { InputFieldSchema, LoginSessionSchema, type LoginSession } from '../../../../main/core/api/schemas.ts';
import { displayKey, inputFieldView, stepView } from '../../../../main/core/sessions/session-view.ts';

const session = (raw: Record<string, unknown>): LoginSession => parseResponse(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'waiting_for_input', ...raw }, 'login session');
const field = (raw: Record<string, unknown>) => inputFieldView(InputFieldSchema.parse(raw));

describe('session view', () => {
  it('a field without a label is named after the last part of its ID', () => {
    expect(field({ id: 'fi.mau.telegram.phone_number' }).label).toBe('Phone number');
    expect(field({ id: 'two-factor-code', label: '  ' }).label).toBe('Two factor code');
    expect(field({ id: '__' }).label).toBe('__'); // nothing to make words of: the ID itself
  });

  it('a select without options is typed in; a kind this app does not know is plain text', () => {
    expect(field({ id: 'region', type: 'select' }).kind).toBe('text');
    expect(field({ id: 'region', type: 'select', options: ['eu', 'us'] })).toMatchObject({ kind: 'select', options: ['eu', 'us'] });
    expect(field({ id: 'x', type: 'hologram' }).kind).toBe('text');
    expect(field({ id: 'c', type: '2fa_code' }).kind).toBe('code');
  });

  it('attachments: pictures and sounds as data: URLs only when they really are base64 of a picture or sound', () => {
    const view = stepView(
      'user_input',
      session({
        currentStep: {
          type: 'user_input',
          stepID: 'captcha',
          fields: [{ id: 'captcha', type: 'captcha_code' }],
          attachments: [
            { type: 'm.image', filename: 'captcha.png', content: 'iVBORw0K Gg==', info: { mimetype: 'image/png' } },
            { type: 'm.audio', content: 'AAAA', info: { mimetype: 'audio/ogg' } },
            { content: '<svg onload=alert(1)>', info: { mimetype: 'image/svg+xml' } },
            { info: { mimetype: 'application/pdf' }, filename: 'terms.pdf' },
            { info: { mimetype: 'audio/mpeg' } },
          ],
        },
      }),
      0,
      null,
    );
    expect(view).toMatchObject({
      type: 'user_input',
      attachments: [
        { kind: 'image', name: 'captcha.png', dataURL: 'data:image/png;base64,iVBORw0KGg==' },
        { kind: 'audio', name: 'attachment', dataURL: 'data:audio/ogg;base64,AAAA' },
        { kind: 'image', dataURL: null },
        { kind: 'file', name: 'terms.pdf', dataURL: null },
        { kind: 'audio', dataURL: null },
      ],
    });
  });

  it('a complete step shows nothing; a step or status this app does not know says so with its name', () => {
    expect(stepView('complete', session({ status: 'complete', currentStep: { type: 'complete', stepID: 'done' } }), 0, null)).toBeNull();
    expect(stepView('unsupported', session({ currentStep: { type: 'webauthn', stepID: 'passkey', instructions: 'Use your passkey.' } }), 0, null)).toEqual({
      type: 'unsupported',
      stepID: 'passkey',
      instructions: 'Use your passkey.',
      rawType: 'webauthn',
    });
    expect(stepView('unsupported', session({ status: 'waiting_for_passkey' }), 0, null)).toMatchObject({ type: 'unsupported', rawType: 'waiting_for_passkey' });
    expect(stepView('starting', null, 0, null)).toBeNull();
  });
});

describe('session view, field by field', () => {
  it('each input type the API names becomes its kind', () => {
    const kinds: Record<string, string> = {
      text: 'text', password: 'password', phone_number: 'phone', phone: 'phone', email: 'email', '2fa_code': 'code', code: 'code',
      token: 'token', url: 'url', domain: 'domain', username: 'username', captcha_code: 'captcha',
    };
    for (const [type, kind] of Object.entries(kinds)) expect(field({ id: 'f', type }).kind, type).toBe(kind);
    expect(field({ id: 'f' }).kind).toBe('text');
    expect(field({ id: 'f', type: 'toString' }).kind).toBe('text'); // not a key of the table, even an inherited one
  });

  it('a run of separators in an ID becomes one space', () => {
    expect(field({ id: 'a__b--c' }).label).toBe('A b c');
    expect(field({ id: 'x', label: ' Your code ' }).label).toBe('Your code');
  });

  it('placeholder, initial value, optional and pattern pass through; what is missing is null or false', () => {
    expect(field({ id: 'f', placeholder: '+1 555', initialValue: '+1', optional: true, pattern: '^\\d+$' })).toEqual({
      id: 'f', label: 'F', placeholder: '+1 555', initialValue: '+1', optional: true, kind: 'text', pattern: '^\\d+$', options: [],
    });
    expect(field({ id: 'f' })).toEqual({ id: 'f', label: 'F', placeholder: null, initialValue: null, optional: false, kind: 'text', pattern: null, options: [] });
    expect(field({ id: 'f', optional: false }).optional).toBe(false);
  });

  it('a user-input step: its instructions, and whether it asks again after a wrong answer', () => {
    const view = (stepID: string, extra: Record<string, unknown> = {}) => stepView('user_input', session({ currentStep: { type: 'user_input', stepID, fields: [{ id: 'code' }], ...extra } }), 0, null);
    expect(view('code', { instructions: 'Enter the code' })).toEqual({ type: 'user_input', stepID: 'code', instructions: 'Enter the code', fields: [field({ id: 'code' })], attachments: [], retry: false });
    expect(view('code')).toMatchObject({ instructions: null });
    expect(view('fi.mau.code.incorrect')).toMatchObject({ retry: true });
    expect(view('fi.mau.code.incorrect.later')).toMatchObject({ retry: false });
    expect(view('fi.mau.codeincorrect')).toMatchObject({ retry: false });
  });

  it('an attachment is what its type says, else what its MIME type says; only clean base64 of a picture or sound is shown', () => {
    const attachments = (list: unknown[]) => (stepView('user_input', session({ currentStep: { type: 'user_input', stepID: 's', fields: [], attachments: list } }), 0, null) as { attachments: unknown[] }).attachments;
    expect(
      attachments([
        { type: 'm.image', content: 'AAAA', info: { mimetype: 'application/octet-stream' } },
        { type: 'm.audio', filename: 'a' },
        { type: 'm.file', info: { mimetype: 'image/gif' } },
        {},
        { content: 'AAAA', info: { mimetype: 'image/png' } },
        { info: { mimetype: 'image/png' } },
        { content: 'AAAA', info: { mimetype: 'image/png"><b' } },
        { content: 'AAAA', info: { mimetype: 'text/x image/png' } },
        { content: '<b>AAAA', info: { mimetype: 'image/png' } },
        { content: 'AAAA<b>', info: { mimetype: 'image/png' } },
        { content: 'AA\nAA', info: { mimetype: 'audio/ogg' } },
        { type: 'constructor', info: { mimetype: 'audio/ogg' } },
      ]),
    ).toEqual([
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'audio', name: 'a', dataURL: null },
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'file', name: 'attachment', dataURL: null },
      { kind: 'image', name: 'attachment', dataURL: 'data:image/png;base64,AAAA' },
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'file', name: 'attachment', dataURL: null },
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'image', name: 'attachment', dataURL: null },
      { kind: 'audio', name: 'attachment', dataURL: 'data:audio/ogg;base64,AAAA' },
      { kind: 'audio', name: 'attachment', dataURL: null },
    ]);
  });

  it('a cookies step: its page, instructions, and each field with where it comes from and whether it is needed', () => {
    const view = stepView(
      'cookies',
      session({
        status: 'waiting_for_cookies',
        currentStep: {
          type: 'cookies',
          stepID: 'c',
          url: 'https://example.com/login',
          instructions: 'Sign in',
          fields: [
            { id: 'a', type: 'cookie', required: true, pattern: '^x' },
            { id: 'b', type: 'header', required: false },
            { id: 'c', type: 'local_storage' },
            { id: 'd', sources: [{ type: 'request_body', name: 'body' }] },
            { id: 'e' },
            { id: 'f', type: 'constructor' },
          ],
        },
      }),
      0,
      null,
    );
    expect(view).toEqual({
      type: 'cookies',
      stepID: 'c',
      instructions: 'Sign in',
      url: 'https://example.com/login',
      fields: [
        { id: 'a', name: 'a', source: 'cookie', required: true, optional: false, pattern: '^x' },
        { id: 'b', name: 'b', source: 'header', required: false, optional: true, pattern: null },
        { id: 'c', name: 'c', source: 'local_storage', required: false, optional: false, pattern: null },
        { id: 'd', name: 'body', source: 'request_body', required: false, optional: false, pattern: null },
        { id: 'e', name: 'e', source: 'special', required: false, optional: false, pattern: null },
        { id: 'f', name: 'f', source: 'special', required: false, optional: false, pattern: null },
      ],
    });
    expect(stepView('cookies', session({ currentStep: { type: 'cookies', stepID: 'c', url: 'https://x.example', fields: [] } }), 0, null)).toMatchObject({ instructions: null });
  });

  it('a display step shows its QR, code, emoji (with its picture as far as it is known), nothing, or says it cannot', () => {
    const display = (d: Record<string, unknown>, image: { dataURL: string | null; loading: boolean } | null = null, instructions?: string) =>
      stepView('display_and_wait', session({ status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'd', display: d, ...(instructions ? { instructions } : {}) } }), 7, image);
    expect(display({ type: 'qr', data: 'QR1' }, null, 'Scan it')).toEqual({ type: 'display_and_wait', stepID: 'd', instructions: 'Scan it', display: { kind: 'qr', data: 'QR1' }, revision: 7 });
    expect(display({ type: 'qr', data: 'QR1' })).toMatchObject({ instructions: null });
    expect(display({ type: 'code', data: '1234-5678' })).toMatchObject({ display: { kind: 'code', data: '1234-5678' } });
    expect(display({ type: 'emoji', data: '🐱' })).toMatchObject({ display: { kind: 'emoji', emoji: '🐱', imageURL: null, loading: false } });
    expect(display({ type: 'emoji' }, { dataURL: 'data:image/png;base64,AAAA', loading: false })).toMatchObject({ display: { kind: 'emoji', emoji: null, imageURL: 'data:image/png;base64,AAAA', loading: false } });
    expect(display({ type: 'emoji' }, { dataURL: null, loading: true })).toMatchObject({ display: { kind: 'emoji', imageURL: null, loading: true } });
    expect(display({ type: 'nothing' })).toMatchObject({ display: { kind: 'nothing' } });
    expect(display({ type: 'hologram' })).toMatchObject({ display: { kind: 'unsupported', rawType: 'hologram' } });
  });

  it('displayKey tells a new QR from the same one', () => {
    const step = (data: string) => {
      const s = session({ currentStep: { type: 'display_and_wait', stepID: 'd', display: { type: 'qr', data } } }).currentStep;
      if (s?.type !== 'display_and_wait') throw new Error('not a display step');
      return s;
    };
    expect(displayKey(step('a'))).toBe(displayKey(step('a')));
    expect(displayKey(step('a'))).not.toBe(displayKey(step('b')));
  });

  it('a session with no step shows nothing, or, for a status this app does not know, says so even before any answer', () => {
    expect(stepView('unsupported', null, 0, null)).toEqual({ type: 'unsupported', stepID: null, instructions: null, rawType: null });
    expect(stepView('user_input', session({}), 0, null)).toBeNull();
  });
});
