import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { findApi } from './bridge/index.ts';
import { useApp } from './store.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

const api = findApi(
  (connected) => {
    useApp.setState({ hostConnected: connected });
    // After the preview host comes back, catch up on everything missed.
    if (connected && useApp.getState().ready) void useApp.getState().run('reload', (a) => a.getState()).then((s) => s && useApp.getState().applySnapshot(s));
  },
  (url) => useApp.setState({ externalLink: url }),
);
if (api) void useApp.getState().init(api);
else root.textContent = 'Beeper Account Manager could not reach its main process.';

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
