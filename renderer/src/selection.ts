/**
 * The account whose details are open: the route names it by IDs (a login, an account, or both);
 * this finds it in the current accounts view, and names its row so focus can go back to it.
 */
import { findTarget, type FoundTarget } from '../../preload/contract/targets.ts';
import type { AccountTarget, AccountView, LoginView } from '../../preload/contract/views.ts';

export const loginTarget = (l: LoginView): AccountTarget => ({ bridgeID: l.bridgeID, loginID: l.loginID, accountID: null });
export const accountTarget = (bridgeID: string, a: AccountView): AccountTarget => ({ bridgeID, loginID: null, accountID: a.accountID });

/** One string per row, for the row's `data-row` and for comparing targets. */
export const rowKey = (t: AccountTarget): string => JSON.stringify([t.bridgeID, t.loginID, t.loginID === null ? t.accountID : null]);

export const sameRow = (a: AccountTarget | undefined, b: AccountTarget): boolean => a !== undefined && rowKey(a) === rowKey(b);

/** What the target names in this view; null when it is gone (removed, or no longer reported). */
export const findSelected = findTarget;
export type Selected = FoundTarget;

/** Puts focus back on a row of the list (after its details close). */
export function focusRow(t: AccountTarget): void {
  const key = rowKey(t);
  const row = [...document.querySelectorAll<HTMLElement>('[data-row]')].find((e) => e.dataset['row'] === key);
  row?.focus();
}
