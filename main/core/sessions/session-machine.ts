/**
 * A login session as a state machine (docs/beeper-desktop-api.md §3), with no I/O: each state holds
 * the data it needs, and `transition` is the one place that says where an event leads and whether
 * the session must be ended on the server. The engine (engine.ts) runs what each state needs
 * (a request, a long-poll, a timer) and stops it on every transition.
 *
 *   starting ──answered──► user_input | cookies | display_and_wait | unsupported ──answered──► …
 *      │                        │ submitted ─► (submitting) ─► answered | refused | failed
 *      └──failed / cancelled────┴──────────────────────────────► complete | failed | cancelled
 *
 * An ended state absorbs every event; the only thing it still does is end on the server a session
 * it hears of too late (a create answered after Cancel).
 */
import type { SessionView } from '../../../preload/contract/views.ts';
import type { LoginSession } from '../api/schemas.ts';
import type { StartRequest } from '../api/client.ts';
import { identityOf } from '../accounts/model.ts';
import { AppError, kindOfCode } from '../errors.ts';
import { t } from '../i18n.ts';

export type Phase = SessionView['phase'];
type OpenPhase = 'user_input' | 'cookies' | 'display_and_wait' | 'unsupported';

export type SessionState =
  | { phase: 'starting'; remote: null }
  /** The server's current step is shown; a submit of it may be out. */
  | { phase: OpenPhase; remote: LoginSession; submitting: boolean; stepError: AppError | null }
  | { phase: 'complete'; remote: LoginSession; result: NonNullable<SessionView['result']> }
  | { phase: 'failed'; remote: LoginSession | null; error: AppError }
  | { phase: 'cancelled'; remote: LoginSession | null };

export type OpenState = Extract<SessionState, { submitting: boolean }>;
export type EndedState = Extract<SessionState, { phase: 'complete' | 'failed' | 'cancelled' }>;

export type SessionEvent =
  /** The server said where the session is (creating, a submit, a long-poll, a check). */
  | { type: 'answered'; remote: LoginSession }
  /** The user's values for the current step went out. */
  | { type: 'submitted' }
  /** The step stays, with this error (a value refused here or by the network, a submit of unknown fate). */
  | { type: 'refused'; error: AppError }
  /** A request failed in a way that ends the login; `endedOnServer` when the server's own answer said it failed. */
  | { type: 'failed'; error: AppError; endedOnServer?: boolean }
  /** The user cancelled. */
  | { type: 'cancelled' }
  /** An answer about this session came after it ended here, naming its server ID. */
  | { type: 'late'; remoteID: string };

export interface Transition {
  state: SessionState;
  /** The server-side session to DELETE, when this transition ends one the server may still hold. */
  endOnServer: string | null;
}

/** What the session was started for: the completion's result needs it. */
export interface SessionContext {
  request: StartRequest;
  bridgeName: string;
}

export const STARTING: SessionState = { phase: 'starting', remote: null };

export const isEnded = (s: SessionState): s is EndedState => s.phase === 'complete' || s.phase === 'failed' || s.phase === 'cancelled';

export function transition(state: SessionState, event: SessionEvent, ctx: SessionContext): Transition {
  if (isEnded(state)) return { state, endOnServer: event.type === 'late' && event.remoteID !== state.remote?.loginSessionID ? event.remoteID : null };
  switch (event.type) {
    case 'answered':
      return answered(event.remote, ctx);
    case 'submitted':
      return stay(state.phase === 'starting' ? state : { ...state, submitting: true, stepError: null });
    case 'refused':
      return stay(state.phase === 'starting' ? state : { ...state, submitting: false, stepError: event.error });
    case 'failed':
      return failed(state.remote, event.error, event.endedOnServer === true);
    case 'cancelled':
      return { state: { phase: 'cancelled', remote: state.remote }, endOnServer: state.remote?.loginSessionID ?? null };
    case 'late':
      return stay(state);
  }
}

const stay = (state: SessionState): Transition => ({ state, endOnServer: null });

function answered(remote: LoginSession, ctx: SessionContext): Transition {
  switch (remote.status) {
    case 'complete':
      return completed(remote, ctx);
    case 'cancelled':
      return stay({ phase: 'cancelled', remote });
    case 'failed': {
      const e = remote.error;
      return failed(remote, new AppError(kindOfCode(e?.code) ?? 'unknown', e?.message.trim() || t('error.loginFailed'), { code: e?.code }), true);
    }
  }
  return atStep(remote, ctx);
}

/** A session the server has not ended: where its current step leads. */
function atStep(remote: LoginSession, ctx: SessionContext): Transition {
  const step = remote.currentStep;
  if (!step) {
    if (remote.status === 'unknown') return open('unsupported', remote);
    return failed(remote, new AppError('invalid_response', t('error.noNextStep')), false);
  }
  switch (step.type) {
    case 'user_input':
    case 'cookies':
    case 'display_and_wait':
      return open(step.type, remote);
    case 'unknown':
      return open('unsupported', remote);
    case 'complete':
      return completed(remote, ctx);
  }
}

const open = (phase: OpenPhase, remote: LoginSession): Transition => stay({ phase, remote, submitting: false, stepError: null });

function completed(remote: LoginSession, ctx: SessionContext): Transition {
  // A complete step under a status that is not `complete`: the server did not say it ended.
  return { state: { phase: 'complete', remote, result: resultOf(remote, ctx) }, endOnServer: remote.status === 'complete' ? null : remote.loginSessionID };
}

/**
 * Who was connected. Beeper Desktop has named the login in several places over its versions: the
 * session's `login` (or the older `connection`), else the complete step's; the account likewise.
 */
function connected(remote: LoginSession): { login: LoginOf | undefined; account: AccountOf | undefined } {
  // Stryker disable next-line ConditionalExpression: equivalent, only a complete step carries a login or an account
  const step = remote.currentStep?.type === 'complete' ? remote.currentStep : undefined;
  return { login: remote.login ?? remote.connection ?? step?.login, account: remote.account ?? step?.account };
}
type LoginOf = LoginSession['login'];
type AccountOf = LoginSession['account'];

/** The login and accounts that came back: named in full, else by bare IDs, else the login asked to reconnect. */
function idsOf(remote: LoginSession, { login, account }: ReturnType<typeof connected>, ctx: SessionContext): { loginID: string; accountIDs: string[] } {
  const loginID = login?.loginID ?? remote.loginID ?? account?.loginID ?? ctx.request.loginID ?? '';
  const accountIDs = login?.accountIDs ?? (account ? [account.accountID] : remote.accountID ? [remote.accountID] : []);
  return { loginID, accountIDs };
}

function resultOf(remote: LoginSession, ctx: SessionContext): NonNullable<SessionView['result']> {
  const who = connected(remote);
  const { login, account } = who;
  const { loginID, accountIDs } = idsOf(remote, who, ctx);
  const user = login?.user ?? account?.user;
  const { loginID: askedLogin, accountID: askedAccount } = ctx.request;
  return {
    loginID,
    accountIDs,
    identity: user ? identityOf(user, loginID) : null,
    network: account?.network ?? ctx.bridgeName,
    restored: Boolean(askedLogin && askedLogin === loginID) || Boolean(askedAccount && accountIDs.includes(askedAccount)),
  };
}

/**
 * Ends the login as failed (or cancelled, when the bridge says so). It is ended on the server too
 * unless there is evidence about this very session that the server already ended it: its own answer
 * said `failed`, or a route for it answered 404/410. An error kind guessed from a code is no such
 * evidence; when in doubt the DELETE is sent: a second one costs nothing, a leaked session does.
 */
function failed(remote: LoginSession | null, error: AppError, endedOnServer: boolean): Transition {
  const remoteID = remote?.loginSessionID ?? error.loginSessionID ?? null;
  const endOnServer = endedOnServer || goneOnServer(error) ? null : remoteID;
  // Cancelled elsewhere (in Beeper Desktop, or the bridge gave up on it).
  if (error.kind === 'cancelled') return { state: { phase: 'cancelled', remote }, endOnServer };
  const shown =
    // Stryker disable next-line ObjectLiteral: the cause is for a debugger; the view and the log leave it out
    error.kind === 'not_running' ? new AppError('not_running', t('error.stoppedWhileConnecting'), { cause: error }) : error;
  return { state: { phase: 'failed', remote, error: shown }, endOnServer };
}

/** Evidence about the session itself that the server no longer holds it: a route for it answered 404 or 410. */
export const goneOnServer = (e: AppError): boolean => e.status === 404 || e.status === 410;
