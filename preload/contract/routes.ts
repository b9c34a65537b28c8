/** Where "Reconnect all" is shown: the login of the account being reconnected, else the queue's own screen. */
import type { EventPayload } from './schemas.ts';
import type { ReconnectAllView } from './views.ts';

export type Route = EventPayload<'ui.navigate'>;

export function reconnectAllRoute(view: ReconnectAllView | null): Route {
  const at = view?.current ?? null;
  const sessionID = at === null ? null : view!.items[at]?.sessionID;
  return sessionID ? { to: 'session', sessionID } : { to: 'reconnect-all' };
}
