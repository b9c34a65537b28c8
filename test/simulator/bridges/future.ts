/**
 * A network that only a newer Beeper Desktop offers, served in the `future` profile alone: its
 * flows use a session status, a step type and a display type this app has never seen, and refuse
 * a login with a 403 code it does not know. Its seeded login carries unknown status values, and its
 * accounts reach `/v1/accounts` without `bridge`.
 */
import { SimError } from '../errors.ts';
import { complete, step, type BridgeDef, type Identity } from '../flow.ts';
import { randomToken } from '../ids.ts';
import { handleFor, nameFor } from '../identity.ts';
import { capabilities } from './capabilities.ts';

export const blueskyIdentity = (key: string): Identity => ({
  remoteKey: key,
  user: { username: `${handleFor(key)}.bsky.social`, fullName: nameFor(key) },
});

export const bluesky: BridgeDef = {
  id: 'local-bluesky',
  displayName: 'Bluesky',
  provider: 'local',
  type: 'bluesky',
  network: 'Bluesky',
  supportsMultipleAccounts: true,
  removeScopes: ['current-device'],
  unknownFlow: 'not_found',
  completeStepID: 'com.beeper.bluesky.complete',
  capabilities: capabilities({ username: true }),
  profiles: ['future'],
  future: { provider: 'edge', loginStatus: 'suspended', accountStatus: 'syncing_history', extraRemoveScope: 'this-session-only', accountsWithoutBridge: true },
  flows: [
    {
      id: 'passkey',
      name: 'Passkey',
      description: 'Sign in with a passkey on this computer',
      start: () =>
        step({
          type: 'future',
          stepID: 'com.beeper.bluesky.passkey',
          status: 'waiting_for_passkey',
          wire: {
            type: 'webauthn',
            instructions: 'Confirm with the passkey saved for your Bluesky account.',
            publicKey: { challenge: randomToken(32), rpId: 'bsky.app', userVerification: 'preferred' },
          },
          // The passkey confirmed elsewhere (test control's "scan").
          onScan: () => complete(blueskyIdentity(`bsky:${randomToken(8)}`)),
        }),
    },
    {
      id: 'tap',
      name: 'Tap your phone',
      description: 'Hold your phone next to this computer',
      start: () =>
        step({
          type: 'display_and_wait',
          stepID: 'com.beeper.bluesky.nfc',
          instructions: 'Hold your phone next to this computer until it vibrates.',
          display: () => ({ type: 'future', wire: { type: 'nfc', data: `bsky-nfc:${randomToken(16)}` } }),
          onScan: () => complete(blueskyIdentity(`bsky:${randomToken(8)}`)),
        }),
    },
    {
      id: 'invite',
      name: 'Invite code',
      description: 'Join with an invite code',
      start: () => ({ reject: new SimError(403, 'COM.BEEPER.BLUESKY.INVITE_REQUIRED', 'Bluesky is invite-only for now. You are on the waitlist.') }),
    },
  ],
};
