/**
 * The account whose details are open: the route names it by IDs (a login, an account, or both);
 * these name its row (to mark it, and to put focus back on it); preload/contract/targets.ts finds it
 * in the accounts view.
 */
import type { AccountTarget, AccountView, LoginView } from '../../preload/contract/views.ts';

export const loginTarget = (l: LoginView): AccountTarget => ({ bridgeID: l.bridgeID, loginID: l.loginID, accountID: null });
export const accountTarget = (bridgeID: string, a: AccountView): AccountTarget => ({ bridgeID, loginID: null, accountID: a.accountID });

/** One string per row, for the row's `data-row` and for comparing targets. */
export const rowKey = (t: AccountTarget): string => JSON.stringify([t.bridgeID, t.loginID, t.loginID === null ? t.accountID : null]);

export const sameRow = (a: AccountTarget | undefined, b: AccountTarget): boolean => a !== undefined && rowKey(a) === rowKey(b);

/** Puts focus back on a row of the list (after its details close). */
export function focusRow(t: AccountTarget): void {
  const key = rowKey(t);
  const row = [...document.querySelectorAll<HTMLElement>('[data-row]')].find((e) => e.dataset['row'] === key);
  row?.focus();
}
