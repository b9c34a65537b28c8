/** Starting a reconnect from the UI: the session starts, and its screen opens. */
import { useApp } from '../store.ts';

export function useReconnect(): (bridgeID: string, loginID: string | null, accountID: string | null) => Promise<void> {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  return async (bridgeID, loginID, accountID) => {
    const req: { bridgeID: string; loginID?: string; accountID?: string } = { bridgeID };
    if (loginID) req.loginID = loginID;
    else if (accountID) req.accountID = accountID;
    const session = await run('start reconnecting', (api) => api.startSession(req));
    if (session) navigate({ name: 'session', sessionID: session.id });
  };
}
