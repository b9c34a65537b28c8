/**
 * Finding an account in a long list: what a search matches (name, number, username, network, the
 * accounts of a login) and what the "Needs attention" filter keeps. Presentation only: which account
 * needs attention is the view model's decision, read here as it is.
 */
import type { AccountView, IdentityView, LoginView, NetworkView } from '../../preload/contract/views.ts';

/** Find shows once the list has more rows than fit in a window at a glance. */
export const FIND_FROM = 7;

export interface ListFilter {
  query: string;
  attentionOnly: boolean;
}

export const NO_FILTER: ListFilter = { query: '', attentionOnly: false };

export const isFiltering = (f: ListFilter): boolean => f.query.trim() !== '' || f.attentionOnly;

/** Lower case, without accents: "Zoë" is found by "zoe". */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
const digits = (s: string): string => s.replace(/\D/g, '');

/**
 * Every word of the query is found in one of the texts; a query that is a number ("555 0100",
 * "+1 (555)") matches the digits of a phone number however either is written.
 */
export function matches(texts: ReadonlyArray<string | null>, query: string): boolean {
  const q = query.trim();
  if (q === '') return true;
  const present = texts.filter((t): t is string => t !== null);
  if (/^[\d\s()+.-]+$/.test(q) && digits(q).length >= 3) return present.some((t) => digits(t).includes(digits(q)));
  const hay = present.map(fold);
  return fold(q)
    .split(/\s+/)
    .every((word) => hay.some((h) => h.includes(word)));
}

const identityTexts = (i: IdentityView): string[] => [i.name, ...(i.detail ? [i.detail] : [])];
const networkTexts = (n: NetworkView): string[] => [n.displayName, n.network];

const loginMatches = (n: NetworkView, l: LoginView, f: ListFilter): boolean =>
  (!f.attentionOnly || l.needsAttention) && matches([...networkTexts(n), ...identityTexts(l.identity), ...l.accounts.flatMap((a) => [a.label, ...identityTexts(a.identity)])], f.query);

const accountMatches = (n: NetworkView, a: AccountView, f: ListFilter): boolean => (!f.attentionOnly || a.needsAttention) && matches([...networkTexts(n), a.label, ...identityTexts(a.identity)], f.query);

export interface ShownNetwork {
  network: NetworkView;
  logins: LoginView[];
  otherAccounts: AccountView[];
  /** Rows the network has, filter or not. */
  total: number;
}

/** The listed networks with the rows the filter keeps; a network with none is left out while filtering. */
export function filterNetworks(networks: readonly NetworkView[], f: ListFilter): ShownNetwork[] {
  const filtering = isFiltering(f);
  return networks
    .filter((n) => n.listed)
    .map((n) => ({
      network: n,
      logins: filtering ? n.logins.filter((l) => loginMatches(n, l, f)) : n.logins,
      otherAccounts: filtering ? n.otherAccounts.filter((a) => accountMatches(n, a, f)) : n.otherAccounts,
      total: n.logins.length + n.otherAccounts.length,
    }))
    .filter((s) => !filtering || s.logins.length + s.otherAccounts.length > 0);
}

/** Rows in the whole list (Beeper itself included): whether Find is worth showing. */
export const rowCount = (networks: readonly NetworkView[]): number => networks.reduce((sum, n) => sum + (n.listed ? n.logins.length + n.otherAccounts.length : 0), 0);

/** The network picker's search: a network's name or its kind. */
export const pickerMatches = (n: NetworkView, query: string): boolean => matches(networkTexts(n), query);
