/**
 * The vocabulary scenario bridges are written in. A flow starts with a step; each submitted step
 * (or control event such as "scan") yields a Transition: another step, completion, a fatal failure,
 * or a non-fatal rejection that leaves the session as it was.
 */
import type { SimConfig } from './config.ts';
import type { SimError } from './errors.ts';
import type { Profile } from './profiles.ts';
import type { BridgeProvider, BridgeStatus, RemoveScope, WireAttachment, WireCookieSource, WireInputField, WireUser } from './wire.ts';

/** The remote identity a completed login belongs to. Same `remoteKey` ⇒ same bridge login. */
export interface Identity {
  remoteKey: string;
  /** The network's own user ID, when it is not derived from the login (e.g. a Matrix ID). */
  userID?: string;
  user: Omit<WireUser, 'id'>;
  /** Values the bridge keeps for re-login (e.g. the phone number); never shown on the wire. */
  remembered?: Record<string, string>;
  /** Account-level detail for bridges whose login holds several accounts. */
  accounts?: Array<{ suffix: string; user?: Partial<WireUser>; network?: string }>;
}

export interface Failure {
  code: string;
  message: string;
  /** When set, a waiting or submitting client gets this HTTP error (channel 1 of §3.7) instead of a 200 `failed` session. */
  httpStatus?: number;
}

export type Transition = { step: StepDef } | { complete: Identity } | { fail: Failure } | { reject: SimError };

export interface StepContext {
  readonly config: SimConfig;
  /** Base URL the simulator is reachable at (for fake sign-in pages and emoji images). */
  baseURL: string;
  /** The login being reconnected, when the session was started with loginID/accountID. */
  reconnect?: { loginID: string; remembered: Record<string, string>; remoteKey: string } | undefined;
  /** Values captured by earlier steps of this session (in memory only, discarded with the session). */
  memory: Record<string, string>;
  /** Scale a connector's real interval by the configured time scale. */
  ms(realMs: number): number;
}

export interface InputStepDef {
  type: 'user_input';
  stepID: string;
  instructions?: string;
  fields: WireInputField[];
  attachments?: WireAttachment[];
  submit(values: Record<string, string>, ctx: StepContext): Transition;
}

/** bridgev2's `LoginCookieField`: any one source suffices; `required` defaults to true. */
export interface SimCookieField {
  id: string;
  required?: boolean;
  pattern?: string;
  sources: WireCookieSource[];
}

/** A cookie field read from one cookie (the common case). */
export const cookieField = (name: string, opts: { id?: string; cookieDomain?: string; required?: boolean; pattern?: string } = {}): SimCookieField => ({
  id: opts.id ?? name,
  ...(opts.required === undefined ? {} : { required: opts.required }),
  ...(opts.pattern ? { pattern: opts.pattern } : {}),
  sources: [{ type: 'cookie', name, ...(opts.cookieDomain ? { cookieDomain: opts.cookieDomain } : {}) }],
});

export interface CookiesStepDef {
  type: 'cookies';
  stepID: string;
  url: string;
  fields: SimCookieField[];
  instructions?: string;
  expectedFinalURLRegex?: string;
  extractJS?: string;
  userAgent?: string;
  /** How missing required cookies end: a fatal 200 `failed` (Meta) or a 400 that can be corrected. */
  onMissing: 'fail' | 'reject';
  missingFailure?: Failure;
  submit(values: Record<string, string>, ctx: StepContext): Transition;
}

export interface ScanOptions {
  /** Complete as a different remote account than the one being reconnected. */
  asOther?: boolean;
  /** Google Messages: tap the wrong emoji. */
  wrong?: boolean;
  /** Identity hint, e.g. the phone number that scanned. */
  phoneNumber?: string;
}

/**
 * What a display step shows. Emoji are named, not addressed: each profile serves the image its own
 * way (an http URL, a data: URL, an mxc: URL). `future` is a display type newer than the SDK.
 */
export type SimDisplay =
  | { type: 'qr'; data: string }
  | { type: 'emoji'; emoji: { char: string; name: string } }
  | { type: 'code'; data: string }
  | { type: 'nothing' }
  | { type: 'future'; wire: { type: string; [key: string]: unknown } };

export interface DisplayStepDef {
  type: 'display_and_wait';
  stepID: string;
  instructions?: string;
  /** Produces the display; called again on every rotation. */
  display(ctx: StepContext): SimDisplay;
  /** QR rotation as the real connector does it (intervals in real ms; scaled by config). */
  rotation?: { firstMs: number; everyMs: number; rotations: number; exhausted: Failure };
  /** A non-rotating display that expires (pairing code, emoji). */
  expiresAfterMs?: number;
  expired?: Failure;
  /** What the phone does: scan the QR, type the code, tap the emoji. */
  onScan(opts: ScanOptions, ctx: StepContext): Transition;
}

/**
 * A step of a newer server that the simulator serves verbatim under its own session status (the
 * `future` profile's passkey step). Submitting to it is refused; the phone can still finish it.
 */
export interface FutureStepDef {
  type: 'future';
  stepID: string;
  status: string;
  wire: { type: string; instructions?: string; [key: string]: unknown };
  onScan(opts: ScanOptions, ctx: StepContext): Transition;
}

export type StepDef = InputStepDef | CookiesStepDef | DisplayStepDef | FutureStepDef;

export interface FlowDef {
  id: string;
  name: string;
  description: string;
  start(ctx: StepContext): Transition;
}

export interface BridgeDef {
  id: string;
  displayName: string;
  provider: BridgeProvider;
  type: string;
  network: string;
  supportsMultipleAccounts: boolean;
  /** A status that overrides the computed available/connected one. */
  fixedStatus?: Exclude<BridgeStatus, 'available' | 'connected'>;
  statusText?: string;
  removeScopes: RemoveScope[];
  flows: FlowDef[];
  /** What an unknown flowID does: WhatsApp falls back to its default, Signal answers 404 M_NOT_FOUND. */
  unknownFlow: 'default' | 'not_found';
  capabilities: Record<string, unknown>;
  /** Served only in these profiles (default: every profile). */
  profiles?: Profile[];
  /** Values a newer Beeper Desktop sends for this bridge, applied by the `future` profile. */
  future?: FutureValues;
  /** stepID of the `complete` step the connector reports, e.g. `fi.mau.whatsapp.login.complete`. */
  completeStepID?: string;
  /** Account IDs and login ID for a login; defaults to local-bridge style (`<bridge>_<loginID>`). */
  loginIDFor?(identity: Identity): string;
  accountIDsFor?(loginID: string, identity: Identity): string[];
}

/** Enum values newer than the SDK, and an Account without `bridge` (as before Desktop 4.2.785). */
export interface FutureValues {
  provider?: string;
  status?: string;
  loginStatus?: string;
  accountStatus?: string;
  extraRemoveScope?: string;
  accountsWithoutBridge?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by scenario definitions

export const step = (s: StepDef): Transition => ({ step: s });
export const complete = (identity: Identity): Transition => ({ complete: identity });
export const fail = (code: string, message: string, httpStatus?: number): Transition => ({
  fail: httpStatus === undefined ? { code, message } : { code, message, httpStatus },
});

/** bridgev2's phone-number cleaning: strip spaces, dashes and parentheses; require `+` and digits. */
export function cleanPhoneNumber(raw: string): string | null {
  const cleaned = raw.replace(/[\s\-()]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(cleaned) ? cleaned : null;
}
