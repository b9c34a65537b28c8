/**
 * Reconnecting from the window: it says which account, with the IDs it holds; the core decides
 * which IDs the request carries (main/core/sessions/reconnect.ts), so the window, the tray and a
 * notification asking for the same account reach the same login. The login's screen opens.
 */
import { useApp } from '../store.ts';

export function useReconnect(): (bridgeID: string, loginID: string | null, accountID: string | null) => Promise<void> {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  return async (bridgeID, loginID, accountID) => {
    const session = await run((api) => api.reconnect({ bridgeID, loginID, accountID }));
    if (session) navigate({ to: 'session', sessionID: session.id });
  };
}
