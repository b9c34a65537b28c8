/**
 * What happened to each account, as this app saw it: every status change it observes (from refreshes),
 * every login it ran to completion, every removal, with the time and the network's own reason text.
 * None of Beeper's own clients keeps this; this app watches every account all day, so it can.
 *
 * Kept in a SafeStore (electron-store in the app, conf elsewhere): every write replaces the file
 * atomically, so a crash mid-write leaves the last complete history, and an unreadable file is moved
 * aside and started afresh. Bounded: at most `maxPerAccount` entries per account and nothing older than
 * `maxAgeDays`. Only what the accounts view shows is recorded, never anything typed into a login step.
 */
import { z } from 'zod';
import { HISTORY_CAUSES, type AccountHistoryView, type AccountsView, type AccountTarget, type AccountView, type HistoryEntryView, type LoginView } from '../../../preload/contract/views.ts';
import type { SafeStore } from '../storage/store.ts';
import { findTarget } from '../../../preload/contract/targets.ts';

const EntrySchema = z.object({
  at: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  cause: z.enum(HISTORY_CAUSES),
});
export type HistoryEntry = z.infer<typeof EntrySchema>;

/** The stored shape: entries per account key, oldest first. An entry that cannot be read is dropped alone. */
const RecordsSchema = z.record(z.string(), z.array(z.unknown())).catch({});

/** Statuses after which an account is not working: a change into one of these is a drop. */
const DROPPED = new Set(['needs_login', 'logged_out', 'reconnect_required', 'connection_required', 'disconnected']);

export interface HistoryOptions {
  now?: () => number;
  maxPerAccount?: number;
  maxAgeDays?: number;
}

/** One account's key: its bridge and its account ID, or its login for a login without accounts. */
export const historyKey = (bridgeID: string, id: { accountID: string } | { loginID: string }): string =>
  'accountID' in id ? `${bridgeID}/${id.accountID}` : `${bridgeID}/login:${id.loginID}`;

/** The accounts a login touched, or the login itself when it names none. */
export const keysOf = (bridgeID: string, accountIDs: readonly string[], loginID: string): string[] =>
  accountIDs.length > 0 ? accountIDs.map((accountID) => historyKey(bridgeID, { accountID })) : [historyKey(bridgeID, { loginID })];

/** Login statuses that mean the whole login is down: each of its accounts is shown so, whatever its own status. */
const LOGIN_DOWN = new Set(['needs_login', 'logged_out']);

/** The status and reason an account of a login is shown with: the login's when the login is down, else its own. */
const shownState = (l: LoginView, a: AccountView): { status: string; reason: string | null } =>
  LOGIN_DOWN.has(l.status) ? { status: l.status, reason: l.statusText } : { status: a.status ?? l.status, reason: a.statusText ?? l.statusText };

/** Who a history is about: each account (its key, and its name when a login holds several), in the view's order. */
export interface HistorySubject {
  key: string;
  name: string | null;
}

/**
 * The subjects of one details pane: a login's accounts (or the login itself when it names none), or an
 * account no login claims. Empty when the view holds no such login or account.
 */
export function subjectsOf(view: AccountsView, target: AccountTarget): HistorySubject[] {
  const found = findTarget(view, target);
  if (found?.login) {
    const l = found.login;
    return keysOf(l.bridgeID, l.accounts.map((a) => a.accountID), l.loginID).map((key, i) => ({ key, name: l.accounts.length > 1 ? l.accounts[i]!.label : null }));
  }
  return found ? [{ key: historyKey(target.bridgeID, found.account), name: null }] : [];
}

const STORE_KEY = 'accounts';

export class AccountHistory {
  private readonly store: SafeStore;
  private readonly now: () => number;
  private readonly maxPerAccount: number;
  private readonly maxAgeMs: number;
  private records: Map<string, HistoryEntry[]>;

  constructor(store: SafeStore, opts: HistoryOptions = {}) {
    this.store = store;
    this.now = opts.now ?? Date.now;
    this.maxPerAccount = opts.maxPerAccount ?? 50;
    this.maxAgeMs = (opts.maxAgeDays ?? 90) * 24 * 60 * 60 * 1000;
    this.records = this.load();
  }

  /** The entries of one account, oldest first. */
  of(key: string): HistoryEntry[] {
    return [...(this.records.get(key) ?? [])];
  }

  /**
   * A new accounts view: each account (or login without accounts) whose status differs from the last
   * one recorded gets an entry. The first sighting of an account records where it stands.
   */
  observe(view: AccountsView): void {
    const at = new Date(this.now()).toISOString();
    let changed = false;
    for (const n of view.networks) {
      for (const l of n.logins) {
        keysOf(n.bridgeID, l.accounts.map((a) => a.accountID), l.loginID).forEach((key, i) => {
          const a = l.accounts[i];
          const s = a ? shownState(l, a) : { status: l.status, reason: l.statusText };
          changed = this.add(key, { at, ...s, cause: 'observed' }, 'if-new-status') || changed;
        });
      }
      for (const a of n.otherAccounts) changed = this.add(historyKey(n.bridgeID, a), { at, status: a.status ?? 'unknown', reason: a.statusText, cause: 'observed' }, 'if-new-status') || changed;
    }
    if (changed) this.save();
  }

  /** Something this app did to an account: a login completed (new or restored), or a removal. */
  record(key: string, cause: Exclude<HistoryEntry['cause'], 'observed' | 'seen'>, status: string): void {
    if (this.add(key, { at: new Date(this.now()).toISOString(), status, reason: null, cause }, 'always')) this.save();
  }

  /** The dates an account dropped in the last 7 days, when that happened three times or more; else null. */
  unstable(key: string): string[] | null {
    const since = this.now() - 7 * 24 * 60 * 60 * 1000;
    const entries = this.records.get(key) ?? [];
    // Stryker disable next-line StringLiteral: equivalent, any text that is not a dropped status reads the same for the first entry
    const drops = entries.filter((e, i) => DROPPED.has(e.status) && !DROPPED.has(entries[i - 1]?.status ?? '') && Date.parse(e.at) >= since).map((e) => e.at);
    return drops.length >= 3 ? drops : null;
  }

  /**
   * What a details pane shows: the subjects' entries merged, newest first (each named by its account
   * when there are several); since when the first subject is in its present status; and the drops of
   * the least stable subject.
   */
  view(subjects: readonly HistorySubject[]): AccountHistoryView {
    const entries: HistoryEntryView[] = subjects
      .flatMap((s) => (this.records.get(s.key) ?? []).map((e) => ({ ...e, account: s.name })))
      .sort((a, b) => b.at.localeCompare(a.at));
    const first = subjects[0] ? (this.records.get(subjects[0].key) ?? []) : [];
    const unstable = subjects.map((s) => this.unstable(s.key) ?? []).reduce<string[]>((most, d) => (d.length > most.length ? d : most), []);
    return { entries, since: sinceOf(first), unstable };
  }

  /** Settings → clear the history. */
  clear(): void {
    this.records = new Map();
    this.save();
  }

  private add(key: string, entry: HistoryEntry, when: 'always' | 'if-new-status'): boolean {
    const list = this.records.get(key) ?? [];
    if (when === 'if-new-status' && list.at(-1)?.status === entry.status) return false;
    const first = list.length === 0 && entry.cause === 'observed';
    this.records.set(key, this.bounded([...list, first ? { ...entry, cause: 'seen' } : entry]));
    return true;
  }

  /** Nothing older than the age limit, and only the newest `maxPerAccount`. */
  private bounded(list: HistoryEntry[]): HistoryEntry[] {
    const oldest = this.now() - this.maxAgeMs;
    return list.filter((e) => Date.parse(e.at) >= oldest).slice(-this.maxPerAccount);
  }

  private load(): Map<string, HistoryEntry[]> {
    const raw = RecordsSchema.parse(this.store.get(STORE_KEY));
    const records = new Map<string, HistoryEntry[]>();
    for (const [key, entries] of Object.entries(raw)) {
      const readable = entries.flatMap((e) => {
        const r = EntrySchema.safeParse(e);
        return r.success ? [r.data] : [];
      });
      const kept = this.bounded(readable.sort((a, b) => a.at.localeCompare(b.at)));
      if (kept.length > 0) records.set(key, kept);
    }
    return records;
  }

  private save(): void {
    this.store.set(STORE_KEY, Object.fromEntries(this.records));
  }
}

/**
 * When the present status began: the entry that changed into it. Null when the run goes back to a
 * first sighting, which says only when this app first looked, not when the status began.
 */
function sinceOf(entries: readonly HistoryEntry[]): string | null {
  const last = entries.at(-1);
  if (!last) return null;
  let i = entries.length - 1;
  while (i > 0 && entries[i - 1]!.status === last.status) i--;
  return entries[i]!.cause === 'seen' ? null : entries[i]!.at;
}
