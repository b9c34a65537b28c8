import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { findApi } from './bridge/index.ts';
import { useApp } from './store.ts';
import { speak } from './i18n.ts';
import { loadFirstScreen, loadScreensWhenIdle } from './screens.tsx';
import { loadNetworkIcons } from './components/NetworkIcon.tsx';
import { drawOnceReady } from './first-draw.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

useApp.setState({ onLocale: (settings) => speak(settings.locale), loadScreen: loadFirstScreen, loadLogos: loadNetworkIcons });

const api = findApi(
  (connected) => {
    useApp.setState({ hostConnected: connected });
    // After the preview host comes back, catch up on everything missed.
    if (connected && useApp.getState().ready) void useApp.getState().run((a) => a.getState()).then((s) => s && useApp.getState().applySnapshot(s));
  },
  (url) => useApp.setState({ externalLink: url }),
  () => useApp.getState().translator.t('app.hostLost'),
);
if (api) {
  const started = useApp.getState().init(api);
  void started.then(loadScreensWhenIdle);
  const reactRoot = createRoot(root);
  drawOnceReady(started, () =>
    reactRoot.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
} else {
  root.textContent = useApp.getState().translator.t('app.noMain');
}
