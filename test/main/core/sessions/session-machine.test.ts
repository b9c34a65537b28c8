/** The login session's transitions, without I/O: where each event leads, and when the server must end the session. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../../main/core/api/client.ts';
import { LoginSessionSchema, type LoginSession } from '../../../../main/core/api/schemas.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { isEnded, STARTING, transition, type SessionEvent, type SessionState } from '../../../../main/core/sessions/session-machine.ts';
import { loginSession } from '../../../support/sdk-arbitraries.ts';

const ctx = { request: { bridgeID: 'b' }, bridgeName: 'Network' };
const remote = (raw: object): LoginSession => parseResponse(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls_1', ...raw }, 'login session');
const input = remote({ status: 'waiting_for_input', currentStep: { type: 'user_input', stepID: 'code', fields: [{ id: 'code' }] } });
const qr = remote({ status: 'waiting_for_display', currentStep: { type: 'display_and_wait', stepID: 'q', display: { type: 'qr', data: 'A' } } });
const atInput: SessionState = { phase: 'user_input', remote: input, submitting: false, stepError: null };
const step = (from: SessionState, event: SessionEvent) => transition(from, event, ctx);

describe('transition', () => {
  it('an answer shows the step it names; a step this app does not know, or an unknown status without one, is unsupported', () => {
    expect(step(STARTING, { type: 'answered', remote: input })).toEqual({ state: atInput, endOnServer: null });
    expect(step(atInput, { type: 'answered', remote: qr }).state).toMatchObject({ phase: 'display_and_wait', submitting: false });
    expect(step(STARTING, { type: 'answered', remote: remote({ status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'c', url: 'https://x.example', fields: [] } }) }).state.phase).toBe('cookies');
    expect(step(STARTING, { type: 'answered', remote: remote({ status: 'waiting_for_input', currentStep: { type: 'carrier_pigeon', stepID: 'p' } }) }).state.phase).toBe('unsupported');
    expect(step(STARTING, { type: 'answered', remote: remote({ status: 'pondering' }) }).state.phase).toBe('unsupported');
  });

  it('a known status without a step fails the login and ends it on the server', () => {
    const t = step(atInput, { type: 'answered', remote: remote({ status: 'waiting_for_input' }) });
    expect(t.state).toMatchObject({ phase: 'failed', error: { kind: 'invalid_response' } });
    expect(t.endOnServer).toBe('ls_1');
  });

  it('what the server ended itself is not ended again: complete, cancelled, failed', () => {
    expect(step(atInput, { type: 'answered', remote: remote({ status: 'complete', loginID: 'L' }) })).toMatchObject({ state: { phase: 'complete', result: { loginID: 'L' } }, endOnServer: null });
    expect(step(atInput, { type: 'answered', remote: remote({ status: 'cancelled' }) })).toMatchObject({ state: { phase: 'cancelled' }, endOnServer: null });
    expect(step(atInput, { type: 'answered', remote: remote({ status: 'failed', error: { code: 'X', message: ' no ' } }) })).toMatchObject({ state: { phase: 'failed', error: { message: 'no', code: 'X' } }, endOnServer: null });
    // A complete step under a status that is not `complete`: the server did not say it ended.
    expect(step(atInput, { type: 'answered', remote: remote({ status: 'waiting_for_input', currentStep: { type: 'complete', stepID: 'd' } }) })).toMatchObject({ state: { phase: 'complete' }, endOnServer: 'ls_1' });
  });

  it('a submit marks the step submitting and clears its error; a refusal keeps the step with the error', () => {
    const refused = new AppError('invalid_input', 'Bad number.');
    const submitting = step({ ...atInput, stepError: refused }, { type: 'submitted' }).state;
    expect(submitting).toMatchObject({ phase: 'user_input', submitting: true, stepError: null });
    expect(step(submitting, { type: 'refused', error: refused })).toEqual({ state: { ...atInput, stepError: refused }, endOnServer: null });
    expect(step(STARTING, { type: 'submitted' }).state).toBe(STARTING);
    expect(step(STARTING, { type: 'refused', error: refused }).state).toBe(STARTING);
  });

  it('a failure ends the session on the server unless a route for it answered 404 or 410', () => {
    expect(step(atInput, { type: 'failed', error: new AppError('unknown', 'no', { status: 400 }) })).toMatchObject({ state: { phase: 'failed' }, endOnServer: 'ls_1' });
    expect(step(atInput, { type: 'failed', error: new AppError('not_found', 'gone', { status: 404 }) }).endOnServer).toBeNull();
    expect(step(atInput, { type: 'failed', error: new AppError('cancelled', 'elsewhere', { status: 410 }) })).toEqual({ state: { phase: 'cancelled', remote: input }, endOnServer: null });
    // Created, but its answer could not be read: it exists on the server all the same.
    expect(step(STARTING, { type: 'failed', error: new AppError('invalid_response', 'x', { loginSessionID: 'ls_9' }) }).endOnServer).toBe('ls_9');
    expect(step(STARTING, { type: 'failed', error: new AppError('server_error', 'down', { status: 500 }) }).endOnServer).toBeNull();
  });

  it('Beeper Desktop gone mid-login says so in words the user can act on', () => {
    expect(step(atInput, { type: 'failed', error: new AppError('not_running', 'x') }).state).toMatchObject({ error: { kind: 'not_running', message: expect.stringMatching(/stopped while connecting/) } });
  });

  it('Cancel ends what the server holds; before the server named it, there is nothing to end', () => {
    expect(step(atInput, { type: 'cancelled' })).toEqual({ state: { phase: 'cancelled', remote: input }, endOnServer: 'ls_1' });
    expect(step(STARTING, { type: 'cancelled' })).toEqual({ state: { phase: 'cancelled', remote: null }, endOnServer: null });
  });

  it('an ended session stays as it is; it only ends on the server a session it hears of too late', () => {
    const cancelledEarly: SessionState = { phase: 'cancelled', remote: null };
    expect(step(cancelledEarly, { type: 'late', remoteID: 'ls_2' })).toEqual({ state: cancelledEarly, endOnServer: 'ls_2' });
    const cancelled: SessionState = { phase: 'cancelled', remote: input };
    expect(step(cancelled, { type: 'late', remoteID: 'ls_1' }).endOnServer).toBeNull();
    expect(step(atInput, { type: 'late', remoteID: 'ls_1' })).toEqual({ state: atInput, endOnServer: null });
  });

  it('from any state, any event: a valid state, and an ended state never changes', () => {
    const event: fc.Arbitrary<SessionEvent> = fc.oneof(
      loginSession.map((r) => ({ type: 'answered' as const, remote: parseResponse(LoginSessionSchema, r, 'login session') })),
      fc.constant({ type: 'submitted' as const }),
      fc.constant({ type: 'refused' as const, error: new AppError('invalid_input', 'x') }),
      fc.constantFrom(...(['network', 'cancelled', 'not_running', 'unknown'] as const)).map((kind) => ({ type: 'failed' as const, error: new AppError(kind, 'x') })),
      fc.constant({ type: 'cancelled' as const }),
      fc.constant({ type: 'late' as const, remoteID: 'ls_x' }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let state: SessionState = STARTING;
        for (const e of events) {
          const next = transition(state, e, ctx).state;
          if (isEnded(state)) expect(next).toBe(state);
          if (next.phase === 'failed') expect(next.error.message).toMatch(/\S/);
          state = next;
        }
      }),
    );
  });
});
