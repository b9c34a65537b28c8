/** main/core/sessions/session-view.ts: what a login step becomes on screen, from answers as the server sends them. */
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../../main/core/api/client.ts';
import { InputFieldSchema, LoginSessionSchema, type LoginSession } from '../../../../main/core/api/schemas.ts';
import { inputFieldView, stepView } from '../../../../main/core/sessions/session-view.ts';

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
