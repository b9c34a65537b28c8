/**
 * The runtime schema of every IPC channel: request and response of each invoke, payload of each
 * event. Main validates every incoming payload against these before acting, and parses every
 * outgoing value through them. The renderer gets its types from here.
 */
import { z } from 'zod';
import { perToggle } from './settings.ts';
import { LANGUAGE_SETTINGS } from './i18n/locales.ts';
import type { EVENTS, INVOKE } from './channels.ts';
import {
  AccountHistoryViewSchema,
  AccountTargetSchema,
  accountTarget,
  namesOne,
  RouteSchema,
  WindowPlaceSchema,
  AccountsViewSchema,
  AppSnapshotSchema,
  AuthViewSchema,
  ConnectionViewSchema,
  LoginFlowViewSchema,
  ReconnectAllViewSchema,
  RemoveScopeSchema,
  SessionViewSchema,
  SettingsViewSchema,
  UpdaterViewSchema,
} from './views.ts';

const id = z.string().min(1).max(512);
const none = z.undefined();
/** Values typed into a login step: bounded so a broken renderer cannot flood main. */
/** A login or an account of a bridge: at least one of the two IDs. */
const fieldValues = z.record(z.string().min(1).max(256), z.string().max(16_384)).refine((o) => Object.keys(o).length <= 64, 'too many fields');

export const invokeSchemas = {
  'app.getState': { request: none, response: AppSnapshotSchema },
  /** The desktop shell asks the system to open Beeper Desktop (only where `capabilities.desktopShell`). */
  'connection.openBeeperDesktop': { request: none, response: z.null() },
  'connection.retry': { request: none, response: ConnectionViewSchema },
  'connection.setAddress': {
    request: z.object({ baseURL: z.url().max(2048).refine((u) => /^https?:\/\//.test(u), 'must be an http(s) address').nullable() }).strict(),
    response: ConnectionViewSchema,
  },
  'auth.signIn': { request: none, response: AuthViewSchema },
  'auth.cancelSignIn': { request: none, response: z.null() },
  'auth.useToken': { request: z.object({ token: z.string().min(1).max(4096) }).strict(), response: AuthViewSchema },
  'auth.setPlaintextConsent': { request: z.object({ allow: z.boolean() }).strict(), response: AuthViewSchema },
  'auth.signOut': { request: none, response: AuthViewSchema },
  'accounts.refresh': { request: none, response: AccountsViewSchema },
  /** What this app saw happen to one account (or each account of one login). */
  'accounts.history': { request: accountTarget, response: AccountHistoryViewSchema },
  /** Settings → forget every account's history. */
  'accounts.clearHistory': { request: none, response: z.null() },
  'bridges.getFlows': { request: z.object({ bridgeID: id }).strict(), response: z.array(LoginFlowViewSchema) },
  /** A login of a new account. */
  'sessions.start': {
    request: z.object({ bridgeID: id, flowID: id.optional() }).strict(),
    response: SessionViewSchema,
  },
  /** "Reconnect this account", with whatever IDs the asker holds: the core decides what is sent (main/core/sessions/reconnect.ts). */
  'sessions.reconnect': {
    request: AccountTargetSchema.extend({ flowID: id.optional() })
      .strict()
      .refine(namesOne, 'a reconnect names a login or an account'),
    response: SessionViewSchema,
  },
  /** Reconnect all: a guided queue through every account that needs login (one at a time). */
  'reconnects.startAll': { request: none, response: ReconnectAllViewSchema },
  /** Leaves the current account as it is (its login ended on the server), on to the next. */
  'reconnects.skip': { request: none, response: ReconnectAllViewSchema.nullable() },
  /** Ends the queue, ending the current login on the server. */
  'reconnects.stop': { request: none, response: ReconnectAllViewSchema.nullable() },
  /** The summary was read. */
  'reconnects.close': { request: none, response: z.null() },
  'sessions.submitInput': { request: z.object({ sessionID: id, fields: fieldValues }).strict(), response: SessionViewSchema },
  'sessions.submitCookies': {
    request: z.object({ sessionID: id, fields: fieldValues, lastURL: z.string().max(8192).optional() }).strict(),
    response: SessionViewSchema,
  },
  'sessions.cancel': { request: z.object({ sessionID: id }).strict(), response: SessionViewSchema },
  'sessions.dismiss': { request: z.object({ sessionID: id }).strict(), response: z.null() },
  'sessions.openCaptureWindow': { request: z.object({ sessionID: id }).strict(), response: SessionViewSchema },
  'logins.remove': {
    request: z.object({ bridgeID: id, loginID: id, scope: RemoveScopeSchema }).strict(),
    response: z.object({ affectedAccountIDs: z.array(z.string()) }),
  },
  'settings.update': {
    request: z
      .object({ ...perToggle(() => z.boolean()), language: z.enum(LANGUAGE_SETTINGS) })
      .partial()
      .strict(),
    response: SettingsViewSchema,
  },
  /** The diagnostics report for support, and a file name for it. */
  'help.diagnostics': { request: none, response: z.object({ text: z.string(), fileName: z.string() }) },
  /** The desktop shell saves the report where the user chooses (a save dialog); false when cancelled. */
  'help.saveDiagnostics': { request: none, response: z.object({ saved: z.boolean() }) },
  /** The desktop shell opens the logs folder in the file manager. */
  'help.openLogs': { request: none, response: z.null() },
  'updates.check': { request: none, response: UpdaterViewSchema },
  'updates.restart': { request: none, response: UpdaterViewSchema },
  /** Where the window is (its screen, search, folded sections): main keeps it while no window exists. */
  'ui.rememberPlace': { request: WindowPlaceSchema, response: z.null() },
  /** The window has drawn its first screen: main shows it now, never an empty or loading one. */
  'ui.ready': { request: none, response: z.null() },
} as const satisfies { [C in (typeof INVOKE)[keyof typeof INVOKE]]: { request: z.ZodType; response: z.ZodType } };

export const eventSchemas = {
  'state.connection': ConnectionViewSchema,
  'state.auth': AuthViewSchema,
  'state.accounts': AccountsViewSchema,
  'state.session': SessionViewSchema,
  'state.sessionRemoved': z.object({ sessionID: id }),
  'state.reconnectAll': ReconnectAllViewSchema.nullable(),
  'state.settings': SettingsViewSchema,
  'state.updater': UpdaterViewSchema,
  'ui.navigate': RouteSchema,
} as const satisfies { [E in (typeof EVENTS)[keyof typeof EVENTS]]: z.ZodType };

export type InvokeSchemas = typeof invokeSchemas;
export type EventSchemas = typeof eventSchemas;
export type RequestOf<C extends keyof InvokeSchemas> = z.input<InvokeSchemas[C]['request']>;
export type ResponseOf<C extends keyof InvokeSchemas> = z.output<InvokeSchemas[C]['response']>;
export type EventPayload<E extends keyof EventSchemas> = z.output<EventSchemas[E]>;
