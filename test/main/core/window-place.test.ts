import { describe, expect, it } from 'vitest';
import type { Route, WindowPlace } from '../../../preload/contract/views.ts';
import { WindowPlaceKeeper } from '../../../main/core/window-place.ts';

const place = (route: Route): WindowPlace => ({ route, listFilter: { query: 'ali', attentionOnly: true }, collapsed: ['local-slack'] });

describe('where the window is, kept in main', () => {
  it('nothing until a window tells; then what it told', () => {
    const k = new WindowPlaceKeeper(() => undefined);
    expect(k.current()).toBeNull();
    k.remember(place({ to: 'add-account' }));
    expect(k.current()).toEqual(place({ to: 'add-account' }));
  });

  it('main sends the window somewhere: the window hears it, and the search and folds stay as they were', () => {
    const sent: Route[] = [];
    const k = new WindowPlaceKeeper((r) => sent.push(r));
    k.navigate({ to: 'reconnect-all' });
    expect(k.current()).toEqual({ route: { to: 'reconnect-all' }, listFilter: { query: '', attentionOnly: false }, collapsed: [] });
    k.remember(place({ to: 'accounts' }));
    k.navigate({ to: 'session', sessionID: 's1' });
    expect(k.current()).toEqual(place({ to: 'session', sessionID: 's1' }));
    expect(sent).toEqual([{ to: 'reconnect-all' }, { to: 'session', sessionID: 's1' }]);
  });

  it('a login that is gone takes the window back to the list; another login does not', () => {
    const k = new WindowPlaceKeeper(() => undefined);
    k.sessionGone('s1'); // nothing kept: nothing to change
    expect(k.current()).toBeNull();
    k.remember(place({ to: 'session', sessionID: 's1' }));
    k.sessionGone('s2');
    expect(k.current()!.route).toEqual({ to: 'session', sessionID: 's1' });
    k.sessionGone('s1');
    expect(k.current()).toEqual(place({ to: 'accounts' }));
  });

  it('tells whoever waits that the window has drawn, until they stop waiting', () => {
    const k = new WindowPlaceKeeper(() => undefined);
    let drawn = 0;
    const stop = k.onWindowReady(() => drawn++);
    k.windowReady();
    stop();
    k.windowReady();
    expect(drawn).toBe(1);
  });
});
