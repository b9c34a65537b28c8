/** What a login in progress offers wherever it is shown (its screen, the account list): close it, start it again. */
import type { SessionView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';

/**
 * Closing a login's screen and starting it again: the old one is dismissed (ended on the server if
 * it still runs), then the same login — the same flow, the same account to reconnect — starts anew.
 */
export function useSessionActions(session: SessionView): { dismissThen: (next: () => void | Promise<void>) => Promise<void>; startAgain: () => Promise<void> } {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  const dismissThen = async (next: () => void | Promise<void>): Promise<void> => {
    const closed = await run(async (api) => {
      await api.dismissSession({ sessionID: session.id });
      return true;
    });
    if (closed) await next();
  };
  const startAgain = (): Promise<void> =>
    dismissThen(async () => {
      const flow = session.flowID ? { flowID: session.flowID } : {};
      const { bridgeID, reconnect } = session;
      const next = await run((api) => (reconnect ? api.reconnect({ bridgeID, loginID: reconnect.loginID, accountID: reconnect.accountID, ...flow }) : api.startSession({ bridgeID, ...flow })));
      if (next) navigate({ to: 'session', sessionID: next.id });
    });
  return { dismissThen, startAgain };
}
