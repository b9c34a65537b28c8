/**
 * Which IDs a reconnect sends: one rule, here. The window, the tray, notifications and links all
 * say "reconnect this account" with whatever IDs they hold; the same account always becomes the same
 * request, so the engine's one-session-per-bridge guard sees a second ask as the same login (the QR
 * being scanned stays) instead of replacing it.
 *
 * The API reconnects by `loginID` or `accountID` (docs/beeper-desktop-api.md §3.6): the login is
 * what is re-authenticated, so a known login wins; an account is turned into the login that holds
 * it when the accounts list knows it, and sent as an `accountID` only when it does not.
 */
import type { RequestOf } from '../../../preload/contract/schemas.ts';
import type { AccountsData } from '../accounts/model.ts';
import type { StartRequest } from '../api/client.ts';

export type ReconnectTarget = RequestOf<'sessions.reconnect'>;

export function reconnectRequest(target: ReconnectTarget, accounts: Pick<AccountsData, 'logins'> | null): StartRequest {
  const req: StartRequest = { bridgeID: target.bridgeID };
  if (target.flowID) req.flowID = target.flowID;
  const loginID = target.loginID ?? (target.accountID ? loginHolding(accounts, target.bridgeID, target.accountID) : null);
  if (loginID) req.loginID = loginID;
  else if (target.accountID) req.accountID = target.accountID;
  return req;
}

function loginHolding(accounts: Pick<AccountsData, 'logins'> | null, bridgeID: string, accountID: string): string | null {
  return accounts?.logins[bridgeID]?.find((l) => l.accountIDs?.includes(accountID))?.loginID ?? null;
}
