/** Parsed API models (main/core/api/schemas.ts) with plain defaults, for unit tests of what consumes them. */
import type { Account, Bridge, BridgeLogin } from '../../main/core/api/schemas.ts';

export const bridge = (id: string, extra: Partial<Bridge> = {}): Bridge => ({
  id,
  accounts: [],
  activeAccountCount: 0,
  displayName: id.toUpperCase(),
  provider: 'local',
  status: 'available',
  supportsMultipleAccounts: true,
  type: id,
  network: undefined,
  statusText: undefined,
  ...extra,
});
export const account = (accountID: string, bridgeID: string, extra: Partial<Account> = {}): Account => ({
  accountID,
  bridge: { id: bridgeID, provider: 'local', type: bridgeID },
  user: { id: 'u', fullName: 'Alex Rivera', phoneNumber: '+1555' },
  status: 'connected',
  loginID: undefined,
  network: undefined,
  statusText: undefined,
  ...extra,
});
export const login = (bridgeID: string, loginID: string, extra: Partial<BridgeLogin> = {}): BridgeLogin => ({
  bridgeID,
  loginID,
  removeScopes: ['current-device'],
  status: 'connected',
  accountIDs: undefined,
  statusText: undefined,
  user: undefined,
  ...extra,
});
