/**
 * The diagnostics report a user hands to support: what support needs to see what went wrong — the
 * app's and Beeper Desktop's versions, whether its address is local, which optional fields the server
 * sends, each bridge's state, each account's status, the logins in progress, recent errors with their
 * codes, and the last log lines — and nothing about the person: account and login IDs are hashed with
 * a salt of this run; names, numbers, usernames and emails are taken out wherever they appear; the
 * token and every other registered secret too. Nothing typed into a step is ever in a view or a log
 * line (the logger drops step fields), and the report is built only from those.
 */
import { createHmac } from 'node:crypto';
import type { AccountsView, ConnectionView, IdentityView, SessionView } from '../../preload/contract/views.ts';
import type { AccountsData } from './accounts/model.ts';
import { isLoopbackHost } from './api/loopback.ts';
import { RECENT_LOG_LINES, type LogEntry, type SecretRegistry } from './log.ts';

export interface DiagnosticsSources {
  appVersion: string;
  runtime: { os: string; node: string; electron: string | null; chrome: string | null };
  connection: ConnectionView;
  accounts: AccountsView;
  raw: AccountsData | null;
  sessions: readonly SessionView[];
  log: readonly LogEntry[];
  secrets: SecretRegistry;
  /** Per run: the same ID hashes the same within a report and the next, and cannot be guessed back. */
  salt: string;
  now: string;
}

const hashOf = (salt: string, id: string): string => `#${createHmac('sha256', salt).update(id).digest('hex').slice(0, 10)}`;

/** Which keys each kind of object carries, and in how many of them: field names only, never values. */
function fieldsPresent(kind: string, objects: readonly object[]): string {
  if (objects.length === 0) return `${kind}: none`;
  const counts = new Map<string, number>();
  for (const o of objects) for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  return `${kind} (${objects.length}): ${[...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ')}`;
}

const isLocal = (baseURL: string | null): string => {
  if (!baseURL) return 'unknown';
  try {
    return isLoopbackHost(new URL(baseURL).hostname) ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
};

const kindAndCode = (e: { kind: string; code?: string | undefined } | null): string => (e ? `${e.kind}${e.code ? ` ${e.code}` : ''}` : '');

function desktopLine(c: ConnectionView): string {
  return `Beeper Desktop: ${c.status} · version ${c.desktopVersion ?? 'unknown'} · app state ${c.appState ?? 'unknown'} · address local: ${isLocal(c.baseURL)} · configured address: ${c.configuredURL ? 'yes' : 'no'}${c.error ? ` · last error ${kindAndCode(c.error)}` : ''}`;
}

function accountLines(view: AccountsView, hash: (id: string) => string): string[] {
  const lines = view.networks.flatMap((n) => [
    ...n.logins.flatMap((l) => [`  ${n.bridgeID} login ${hash(l.loginID)}: ${l.status}${l.needsAttention ? ' (needs attention)' : ''}`, ...l.accounts.map((a) => `    account ${hash(a.accountID)}: ${a.status ?? 'no status'}`)]),
    ...n.otherAccounts.map((a) => `  ${n.bridgeID} account ${hash(a.accountID)} (no login listed): ${a.status ?? 'no status'}`),
  ]);
  return lines.length > 0 ? lines : ['  none'];
}

/** A login in progress: its bridge, kind, phase, step type and ID (the server's, never what was typed), and its error's kind and code. */
function sessionLine(x: SessionView): string {
  const step = x.step ? ` · ${x.step.type}${'stepID' in x.step && x.step.stepID ? ` ${x.step.stepID}` : ''}` : '';
  return `  ${x.bridgeID} ${x.reconnect ? 'reconnect' : 'new'}: ${x.phase}${step}${x.error ? ` · ${kindAndCode(x.error)}` : ''}`;
}

const orNone = (lines: string[]): string[] => (lines.length > 0 ? lines : ['  none']);

function sections(s: DiagnosticsSources, hash: (id: string) => string): string[] {
  const raw = s.raw;
  const errors = s.log.filter((e) => e.level === 'warn' || e.level === 'error').slice(-30).map((e) => `  ${e.time} ${e.level} ${e.scope}: ${e.message}${errorCode(e.data)}`);
  return [
    'Beeper Account Manager — diagnostics',
    `Created: ${s.now}`,
    `App: ${s.appVersion} · ${s.runtime.os} · Node ${s.runtime.node} · Electron ${s.runtime.electron ?? 'none (browser preview)'} · Chromium ${s.runtime.chrome ?? 'n/a'}`,
    desktopLine(s.connection),
    '',
    'Fields the server sends:',
    `  ${fieldsPresent('bridges', raw?.bridges ?? [])}`,
    `  ${fieldsPresent('accounts', raw?.accounts ?? [])}`,
    `  ${fieldsPresent('logins', Object.values(raw?.logins ?? {}).flat())}`,
    '',
    'Bridges:',
    ...s.accounts.networks.map((n) => `  ${n.bridgeID} (${n.type}, ${n.provider}): ${n.status}${n.canAddAccount ? '' : ' · cannot add'}`),
    '',
    `Accounts (last refresh ${s.accounts.lastRefreshedAt ?? 'never'}${s.accounts.error ? `, failing: ${s.accounts.error.kind}` : ''}):`,
    ...accountLines(s.accounts, hash),
    '',
    'Logins in progress:',
    ...orNone(s.sessions.map(sessionLine)),
    '',
    'Recent warnings and errors:',
    ...orNone(errors),
    '',
    `Log (last ${RECENT_LOG_LINES} lines):`,
    ...s.log.slice(-RECENT_LOG_LINES).map((e) => `  ${JSON.stringify(e)}`),
  ];
}

/** An error's kind and code, when a log entry carries one. */
function errorCode(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const e = (data as { error?: unknown }).error;
  if (!e || typeof e !== 'object') return '';
  const { kind, code } = e as { kind?: unknown; code?: unknown };
  return [kind, code].filter((x) => typeof x === 'string').map((x) => ` (${String(x)})`).join('');
}

/** Every name, number, username and email the app knows of, longest first (so a name is taken out whole before a part of it). */
function personal(s: DiagnosticsSources): string[] {
  const identities: IdentityView[] = [
    ...s.accounts.networks.flatMap((n) => [...n.logins.flatMap((l) => [l.identity, ...l.accounts.map((a) => a.identity)]), ...n.otherAccounts.map((a) => a.identity)]),
    ...s.accounts.needsAttention.map((a) => a.identity),
    ...s.sessions.flatMap((x) => [x.reconnect?.identity, x.result?.identity].filter((i): i is IdentityView => Boolean(i))),
  ];
  const users = [...(s.raw?.accounts ?? []).map((a) => a.user), ...Object.values(s.raw?.logins ?? {}).flat().map((l) => l.user)].filter((u) => u !== undefined);
  const texts = [...identities.flatMap((i) => [i.name, i.detail]), ...users.flatMap((u) => [u.fullName, u.username, u.phoneNumber, u.email, u.id])];
  return [...new Set(texts.filter((t): t is string => typeof t === 'string' && t.trim().length >= 3))].sort((a, b) => b.length - a.length);
}

/** IDs that may hold a person's number (WhatsApp's login ID is one): replaced by their hash. */
function ids(s: DiagnosticsSources): string[] {
  const fromViews = s.accounts.networks.flatMap((n) => [...n.logins.flatMap((l) => [l.loginID, ...l.accounts.map((a) => a.accountID)]), ...n.otherAccounts.map((a) => a.accountID)]);
  const fromRaw = [...(s.raw?.accounts ?? []).map((a) => a.accountID), ...Object.values(s.raw?.logins ?? {}).flat().flatMap((l) => [l.loginID, ...(l.accountIDs ?? [])])];
  const fromSessions = s.sessions.flatMap((x) => [x.reconnect?.loginID, x.reconnect?.accountID, x.result?.loginID, ...(x.result?.accountIDs ?? [])]);
  return [...new Set([...fromViews, ...fromRaw, ...fromSessions].filter((t): t is string => typeof t === 'string' && t.length >= 3))].sort((a, b) => b.length - a.length);
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MATRIX_ID = /@[\w.=-]+:[\w.-]+/g;
/** Seven digits or more, maybe with a + and separators: a phone number (never a date, a time or a version). */
const NUMBER = /(?<![\w.:/-])\+?\d(?:[ ().-]{0,2}\d){6,}(?![\w.:/-])/g;

export function scrub(text: string, s: DiagnosticsSources, hash: (id: string) => string): string {
  let out = s.secrets.redactText(text);
  for (const id of ids(s)) out = out.split(id).join(hash(id));
  for (const p of personal(s)) out = out.split(p).join('[personal]');
  return out.replace(EMAIL, '[email]').replace(MATRIX_ID, '[user]').replace(NUMBER, '[number]');
}

export function diagnosticsReport(s: DiagnosticsSources): string {
  const hash = (id: string): string => hashOf(s.salt, id);
  return scrub(sections(s, hash).join('\n'), s, hash) + '\n';
}
