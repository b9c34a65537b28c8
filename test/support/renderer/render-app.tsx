/** Renders the whole window against a fake main process, starting from a snapshot. */
import { act, render, type RenderResult } from '@testing-library/react';
import type { AppSnapshot } from '../../../preload/contract/views.ts';
import { App } from '../../../renderer/src/App.tsx';
import { useApp, type Route } from '../../../renderer/src/store.ts';
import { loadAllScreens, loadFirstScreen } from '../../../renderer/src/screens.tsx';
import { loadNetworkIcons } from '../../../renderer/src/components/NetworkIcon.tsx';
import { fakeMain, type FakeMain } from './fake-api.ts';

export async function renderApp(snapshot: AppSnapshot, route?: Route): Promise<RenderResult & { main: FakeMain }> {
  const main = fakeMain();
  main.answer('app.getState', () => snapshot);
  useApp.setState({ ...useApp.getInitialState(), loadScreen: loadFirstScreen, loadLogos: loadNetworkIcons }, true);
  await act(() => useApp.getState().init(main.api));
  // As the window is a moment after its first screen (main.tsx): every screen's code loaded.
  await loadAllScreens();
  if (route) act(() => useApp.getState().navigate(route));
  return { main, ...render(<App />) };
}
