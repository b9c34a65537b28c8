/**
 * Reconnecting from the window: it says which account, with the IDs it holds; the core decides
 * which IDs the request carries (main/core/sessions/reconnect.ts), so the window, the tray and a
 * notification asking for the same account reach the same login. The login's screen opens.
 */
import type { SessionView } from '../../../preload/contract/views.ts';
import { useApp } from '../store.ts';

export function useReconnect(): (bridgeID: string, loginID: string | null, accountID: string | null) => Promise<void> {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  return async (bridgeID, loginID, accountID) => {
    const session = await run((api) => api.reconnect({ bridgeID, loginID, accountID }));
    if (session) navigate({ to: 'session', sessionID: session.id });
  };
}

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
