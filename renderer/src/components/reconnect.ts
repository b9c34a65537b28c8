/** Starting a login again from the UI (reconnect, try again): which login to start, and its screen opens. */
import { useApp } from '../store.ts';

/** What to start: a login of that bridge, reconnecting its login when one is named, else its account. */
export function startRequest(bridgeID: string, which: { flowID?: string | null; loginID?: string | null; accountID?: string | null }): { bridgeID: string; flowID?: string; loginID?: string; accountID?: string } {
  const req: { bridgeID: string; flowID?: string; loginID?: string; accountID?: string } = { bridgeID };
  if (which.flowID) req.flowID = which.flowID;
  if (which.loginID) req.loginID = which.loginID;
  else if (which.accountID) req.accountID = which.accountID;
  return req;
}

export function useReconnect(): (bridgeID: string, loginID: string | null, accountID: string | null) => Promise<void> {
  const run = useApp((s) => s.run);
  const navigate = useApp((s) => s.navigate);
  return async (bridgeID, loginID, accountID) => {
    const req = startRequest(bridgeID, { loginID, accountID });
    const session = await run('start reconnecting', (api) => api.startSession(req));
    if (session) navigate({ name: 'session', sessionID: session.id });
  };
}
