/**
 * Which login or account a target (a route's selection, a history request, a reconnect) names in an
 * accounts view. One rule for the core and the window alike.
 */
import type { AccountsView, AccountTarget, AccountView, LoginView, NetworkView } from './views.ts';

export type FoundTarget = { network: NetworkView } & ({ login: LoginView; account: null } | { login: null; account: AccountView });

/**
 * What a target names in a view: a login by its ID, else the login holding the account asked for,
 * else an account no login claims. Null when the view holds none of them.
 */
export function findTarget(view: AccountsView | null, target: AccountTarget): FoundTarget | null {
  const n = view?.networks.find((x) => x.bridgeID === target.bridgeID);
  if (!n) return null;
  const login = n.logins.find((x) => (target.loginID !== null ? x.loginID === target.loginID : x.accounts.some((a) => a.accountID === target.accountID)));
  if (login) return { network: n, login, account: null };
  const account = target.accountID === null ? undefined : n.otherAccounts.find((x) => x.accountID === target.accountID);
  return account ? { network: n, login: null, account } : null;
}
