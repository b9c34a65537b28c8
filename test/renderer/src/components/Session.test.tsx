// @vitest-environment happy-dom
/**
 * renderer/src/components/Session.tsx: every phase of a login session on screen, driven by the
 * sessions main pushes, and what each button asks main to do.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView, StepView } from '../../../../preload/contract/views.ts';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { identity, session, snapshot } from '../../../support/views.ts';

afterEach(cleanup);

const phoneStep: StepView = {
  type: 'user_input',
  stepID: 'fi.mau.telegram.login.phone_number',
  instructions: 'Your phone number, in international format.',
  fields: [{ id: 'phone_number', label: 'Phone number', placeholder: '+12345678900', initialValue: null, optional: false, kind: 'phone', pattern: null, options: [] }],
  attachments: [],
  retry: false,
};
const qrStep: StepView = { type: 'display_and_wait', stepID: 'fi.mau.whatsapp.login.qr', instructions: 'Scan it with WhatsApp.', display: { kind: 'qr', data: '2@abc' }, revision: 1 };
const cookiesStep: StepView = { type: 'cookies', stepID: 'fi.mau.slack.login.cookies', instructions: null, url: 'https://app.slack.com/', fields: [{ id: 'd', name: 'd', source: 'cookie', required: true, optional: false, pattern: null }] };
const unknownStep: StepView = { type: 'unsupported', stepID: 'passkey', instructions: 'Use your passkey.', rawType: 'webauthn' };

async function show(s: SessionView, capabilities = snapshot().capabilities) {
  return renderApp(snapshot({ sessions: [s], capabilities }), { to: 'session', sessionID: s.id });
}

describe('SessionScreen', () => {
  it.each([
    ['starting', session(null), 'Connecting to Telegram…'],
    ['a phone number form', session(phoneStep), 'Enter your phone number'],
    ['a QR code', session(qrStep, { bridgeName: 'WhatsApp' }), 'Scan the QR code'],
    ['cookies', session(cookiesStep, { bridgeName: 'Slack' }), 'Sign in to Slack'],
    ['a step this app does not know', session(unknownStep), 'Finish connecting Telegram in Beeper Desktop'],
    ['complete', session(null, { phase: 'complete' }), 'Telegram is connected'],
    ['a reconnect, complete', session(null, { phase: 'complete', reconnect: { loginID: 'l1', accountID: null, identity: null }, result: { loginID: 'l1', accountIDs: [], identity: null, network: 'Telegram', restored: true } }), 'Telegram is reconnected'],
    ['failed', session(null, { phase: 'failed', error: { kind: 'session_expired', message: 'The login timed out. Start again.' } }), 'Could not connect Telegram'],
    ['cancelled', session(null, { phase: 'cancelled' }), 'Login cancelled'],
  ])('%s: titled and announced', async (_name, s, title) => {
    await show(s);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(screen.getAllByRole('status').some((r) => r.textContent === title)).toBe(true);
  });

  it('a reconnect names whose account it is above every step; a new account, or one the list does not know, names no one', async () => {
    const who = { loginID: 'wa2', accountID: null, identity: identity('Alex Rivera', '+1 555 010 0202') };
    await show(session(qrStep, { bridgeName: 'WhatsApp', reconnect: who }));
    expect(screen.getByText('Alex Rivera').closest('.session-who > div')?.textContent).toBe('For Alex Rivera · +1 555 010 0202');
    cleanup();
    await show(session(phoneStep, { reconnect: who }));
    expect(screen.getByText('Alex Rivera')).toBeTruthy();
    cleanup();
    await show(session(qrStep, { reconnect: { ...who, identity: null } }));
    expect(document.querySelector('.session-who')).toBeNull();
    cleanup();
    await show(session(qrStep));
    expect(document.querySelector('.session-who')).toBeNull();
  });

  it('a form puts focus on its first field; any other step on its title', async () => {
    await show(session(phoneStep));
    expect(document.activeElement).toBe(screen.getByLabelText('Phone number'));
    cleanup();
    await show(session(qrStep));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
  });

  it('sends what was typed, and shows a rejected submit without losing it', async () => {
    const { main } = await show(session(phoneStep));
    main.answer('sessions.submitInput', () => session(phoneStep, { busy: true }));
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '+15550100' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(main.callsTo('sessions.submitInput')).toEqual([{ sessionID: 's1', fields: { phone_number: '+15550100' } }]));
    act(() => main.push('state.session', session(phoneStep, { stepError: { kind: 'invalid_input', message: 'Use the international format.' } })));
    expect(screen.getByRole('alert').textContent).toBe('Use the international format.');
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').value).toBe('+15550100');
  });

  it('announces a new QR code', async () => {
    const { main } = await show(session(qrStep, { bridgeName: 'WhatsApp' }));
    act(() => main.push('state.session', session({ ...qrStep, display: { kind: 'qr', data: '2@def' }, revision: 2 }, { bridgeName: 'WhatsApp' })));
    expect(screen.getAllByRole('status').some((r) => r.textContent === 'Scan the QR code. A new code is shown.')).toBe(true);
  });

  it('cookies: offers the sign-in window where there is one, and always the manual form', async () => {
    const { main } = await show(session(cookiesStep, { bridgeName: 'Slack' }), { captureWindow: true, desktopShell: true, startAtLogin: false });
    main.answer('sessions.openCaptureWindow', () => session(cookiesStep, { bridgeName: 'Slack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open sign-in window' }));
    await waitFor(() => expect(main.callsTo('sessions.openCaptureWindow')).toEqual([{ sessionID: 's1' }]));
    cleanup();
    await show(session(cookiesStep, { bridgeName: 'Slack' }));
    expect(screen.queryByRole('button', { name: 'Open sign-in window' })).toBeNull();
    expect(screen.getByText('Enter the values yourself (advanced)')).toBeTruthy();
  });

  it('Cancel ends the login in main and goes straight back to where it was started, with a notice that needs no click', async () => {
    for (const [reconnect, back, text] of [
      [null, { to: 'add-account' }, 'Adding Telegram was cancelled.'],
      [{ loginID: 'l1', accountID: null, identity: null }, { to: 'accounts' }, 'Reconnecting Telegram was cancelled.'],
    ] as const) {
      const { main } = await show(session(unknownStep, { reconnect }));
      main.answer('sessions.dismiss', () => null);
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
      await waitFor(() => expect(useApp.getState().route).toEqual(back));
      // dismiss ends a live login on the server before forgetting it (SessionEngine.dismiss).
      expect(main.callsTo('sessions.dismiss')).toEqual([{ sessionID: 's1' }]);
      expect(screen.queryByText('Login cancelled')).toBeNull();
      expect(screen.getByRole('status').textContent).toContain(text);
      cleanup();
    }
  });

  it('complete: shows who was connected; Done closes it and goes back to the accounts', async () => {
    const done = session(null, { phase: 'complete', result: { loginID: 'l1', accountIDs: ['a1'], identity: identity('Alex Doe', '@alex'), network: 'Telegram', restored: false } });
    const { main } = await show(done);
    expect(screen.getByText('Alex Doe')).toBeTruthy();
    expect(screen.getByText('@alex')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    main.answer('sessions.dismiss', () => null);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'accounts' }));
    expect(main.callsTo('sessions.dismiss')).toEqual([{ sessionID: 's1' }]);
  });

  it('failed: says why, its code behind Details with a copy button; Start again starts the same login again', async () => {
    const failed = session(null, { phase: 'failed', flowID: 'qr', reconnect: { loginID: 'l1', accountID: null, identity: null }, error: { kind: 'bridge_unavailable', message: 'Too many logins.', code: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS' } });
    const { main } = await show(failed);
    expect(screen.getByRole('alert').textContent).toContain('Too many logins.');
    // The code is not what a person reads first: it is behind Details, and copied for support.
    expect(screen.getByRole('alert').textContent).not.toContain('FI.MAU');
    const details = screen.getByText('Details').closest('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('Code: FI.MAU.BRIDGE.TOO_MANY_LOGINS');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t: string) => (copied.push(t), Promise.resolve()) }, configurable: true });
    fireEvent.click(within(details).getByRole('button', { name: 'Copy code' }));
    await waitFor(() => expect(within(details).getByRole('button', { name: 'Copied' })).toBeTruthy());
    expect(copied).toEqual(['FI.MAU.BRIDGE.TOO_MANY_LOGINS']);
    main.answer('sessions.dismiss', () => null);
    main.answer('sessions.reconnect', () => session(null, { id: 's2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's2' }));
    expect(main.callsTo('sessions.reconnect')).toEqual([{ bridgeID: 'telegram', flowID: 'qr', loginID: 'l1', accountID: null }]);
  });

  it('a session main has forgotten: says so, with a way back', async () => {
    await renderApp(snapshot(), { to: 'session', sessionID: 'gone' });
    expect(screen.getByText('This login is no longer open.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to accounts' }));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });

  it('a refused call shows main’s message, and the screen stays', async () => {
    const { main } = await show(session(unknownStep));
    main.refuse('sessions.dismiss', { kind: 'not_running', message: 'Beeper Desktop is not reachable.' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Beeper Desktop is not reachable.');
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's1' });
  });
});
