/**
 * Every scenario bridge the simulator serves, and the seeded accounts a fresh simulator starts with.
 */
import type { BridgeDef } from '../flow.ts';
import { avatarFor } from '../identity.ts';
import { loginIDFor } from '../ids.ts';
import type { SimState } from '../state.ts';
import { capabilities } from './capabilities.ts';
import { gmessages, phoneIdentity, signal, telegram, whatsapp } from './messaging.ts';
import { bluesky, blueskyIdentity } from './future.ts';
import { instagram, slack, slackIdentity, twitter } from './web.ts';

/** Beeper's own Matrix account: always connected, no login flows, cannot be removed here. */
export const matrix: BridgeDef = {
  id: 'matrix',
  displayName: 'Beeper',
  provider: 'cloud',
  type: 'matrix',
  network: 'Beeper',
  supportsMultipleAccounts: false,
  removeScopes: [],
  unknownFlow: 'not_found',
  capabilities: capabilities({ username: true, groups: true }),
  loginIDFor: (identity) => loginIDFor('matrix', identity.remoteKey),
  accountIDsFor: () => ['matrix'],
  flows: [],
};

/** Unavailable bridges, one per status a new login can be refused with. */
export const discord: BridgeDef = {
  id: 'discordgo',
  displayName: 'Discord',
  provider: 'cloud',
  type: 'discordgo',
  network: 'Discord',
  supportsMultipleAccounts: true,
  fixedStatus: 'limit_reached',
  statusText: 'You have reached the number of cloud accounts your plan allows',
  removeScopes: ['all-devices'],
  unknownFlow: 'not_found',
  capabilities: capabilities({ username: true, groups: true }),
  flows: [],
};

export const linkedin: BridgeDef = {
  id: 'local-linkedin',
  displayName: 'LinkedIn',
  provider: 'local',
  type: 'linkedin',
  network: 'LinkedIn',
  supportsMultipleAccounts: false,
  fixedStatus: 'temporarily_unavailable',
  statusText: 'LinkedIn is temporarily unavailable. Try again later.',
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  capabilities: capabilities({}),
  flows: [],
};

export const messenger: BridgeDef = {
  id: 'local-facebook',
  displayName: 'Messenger',
  provider: 'local',
  type: 'facebook',
  network: 'Messenger',
  supportsMultipleAccounts: false,
  fixedStatus: 'disabled',
  statusText: 'Messenger is turned off in Beeper settings',
  future: { status: 'paused' },
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  capabilities: capabilities({ groups: true }),
  flows: [],
};

export const allBridges = (): BridgeDef[] => [
  matrix,
  whatsapp,
  telegram,
  signal,
  gmessages,
  instagram,
  slack,
  twitter,
  discord,
  linkedin,
  messenger,
  bluesky,
];

/** `large:N`: N connected accounts spread over N/10 networks (at most 50), for the bench. */
export type SeedName = 'default' | 'empty' | `large:${number}`;

export function parseSeed(value: string): SeedName | null {
  if (value === 'default' || value === 'empty') return value;
  const m = /^large:(\d{1,5})$/.exec(value);
  return m ? `large:${Number(m[1])}` : null;
}

const LARGE_PREFIX = 'bench-';

/** Networks for the large seed: Signal's QR login under another name, one per ten accounts. */
function largeSeed(state: SimState, accounts: number): void {
  const networks = Math.min(50, Math.max(1, Math.ceil(accounts / 10)));
  const defs = Array.from({ length: networks }, (_, i): BridgeDef => {
    const n = String(i + 1).padStart(2, '0');
    return { ...signal, id: `${LARGE_PREFIX}${n}`, displayName: `Network ${n}`, network: `Network ${n}`, type: `bench${n}`, supportsMultipleAccounts: true };
  });
  for (const def of defs) state.bridges.set(def.id, def);
  for (let i = 0; i < accounts; i++) {
    const phone = `+1555${String(2_000_000 + i).padStart(7, '0')}`;
    state.completeLogin(defs[i % networks]!, phoneIdentity(phone, { fullName: `Person ${i + 1}` }));
  }
}

/** The person whose accounts the default seed holds. */
const ME = 'Alex Rivera';

/**
 * The default seed: Beeper itself, a connected WhatsApp, a Telegram login that needs to log in
 * again, and one Slack login holding two workspace accounts (one login, several accounts).
 */
export function seed(state: SimState, name: SeedName): void {
  state.clearAll();
  for (const id of [...state.bridges.keys()]) if (id.startsWith(LARGE_PREFIX)) state.bridges.delete(id);
  if (name === 'empty') return;
  if (name.startsWith('large:')) {
    state.completeLogin(matrix, { remoteKey: '@alex:beeper.com', userID: '@alex:beeper.com', user: { username: 'alex', fullName: ME } });
    largeSeed(state, Number(name.slice('large:'.length)));
    return;
  }
  state.completeLogin(matrix, {
    remoteKey: '@alex:beeper.com',
    userID: '@alex:beeper.com',
    user: { username: 'alex', fullName: ME, email: 'alex@example.com', imgURL: avatarFor('@alex:beeper.com', ME) },
  });

  state.completeLogin(whatsapp, phoneIdentity('+15550100101', { fullName: ME }));
  const { login: tg } = state.completeLogin(telegram, phoneIdentity('+15550100202', { fullName: ME, username: 'alexr' }));
  state.setLoginStatus(
    telegram.id,
    tg.loginID,
    'needs_login',
    'You were logged out of Telegram. Log in again to keep receiving messages.',
  );
  state.completeLogin(slack, slackIdentity('T0ACME001', 'U0ALEX001', 'Acme Inc', [{ team: 'T0ACMELAB', name: 'Acme Labs' }], ME));
  // Served only in the `future` profile (the bridge is hidden in the others).
  state.completeLogin(bluesky, blueskyIdentity('bsky:alex'));
}
