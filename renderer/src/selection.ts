/**
 * The account whose details are open: the route names it by IDs (a login, an account, or both);
 * this finds it in the current accounts view, and names its row so focus can go back to it.
 */
import type { AccountTarget, AccountsView, AccountView, LoginView, NetworkView } from '../../preload/contract/views.ts';

export const loginTarget = (l: LoginView): AccountTarget => ({ bridgeID: l.bridgeID, loginID: l.loginID, accountID: null });
export const accountTarget = (bridgeID: string, a: AccountView): AccountTarget => ({ bridgeID, loginID: null, accountID: a.accountID });

/** One string per row, for the row's `data-row` and for comparing targets. */
export const rowKey = (t: AccountTarget): string => JSON.stringify([t.bridgeID, t.loginID, t.loginID === null ? t.accountID : null]);

export const sameRow = (a: AccountTarget | undefined, b: AccountTarget): boolean => a !== undefined && rowKey(a) === rowKey(b);

export interface Selected {
  network: NetworkView;
  /** The login, when the target is one (or holds the account asked for). */
  login: LoginView | null;
  /** An account no login claims. */
  account: AccountView | null;
}

/** What the target names in this view; null when it is gone (removed, or no longer reported). */
export function findSelected(view: AccountsView | null, t: AccountTarget): Selected | null {
  const network = view?.networks.find((n) => n.bridgeID === t.bridgeID);
  if (!network) return null;
  const login = network.logins.find((l) => (t.loginID !== null ? l.loginID === t.loginID : l.accounts.some((a) => a.accountID === t.accountID)));
  if (login) return { network, login, account: null };
  const account = t.accountID === null ? undefined : network.otherAccounts.find((a) => a.accountID === t.accountID);
  return account ? { network, login: null, account } : null;
}

/** Puts focus back on a row of the list (after its details close). */
export function focusRow(t: AccountTarget): void {
  const key = rowKey(t);
  const row = [...document.querySelectorAll<HTMLElement>('[data-row]')].find((e) => e.dataset['row'] === key);
  row?.focus();
}
