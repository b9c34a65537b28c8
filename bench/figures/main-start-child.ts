/**
 * Run by figure 9 in a fresh process: `electron` resolves to the bench's shim, then either the
 * built main process (until it makes its tray) or an empty module (the baseline) is loaded.
 */
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const shim = pathToFileURL(path.join(import.meta.dirname, '../support/electron-shim.ts')).href;
registerHooks({
  resolve: (specifier, context, next) => (specifier === 'electron' ? { url: shim, shortCircuit: true } : next(specifier, context)),
});

const target = process.argv[2];
(globalThis as Record<string, unknown>)['__benchStartedAt'] = performance.now();
if (target === 'empty') {
  // An empty main process: it imports electron (the shim, as the app's does) and nothing else.
  const empty = `data:text/javascript,import ${JSON.stringify(shim)}; export default 1`;
  await import(empty);
  console.log(JSON.stringify({ ms: performance.now() - ((globalThis as Record<string, unknown>)['__benchStartedAt'] as number) }));
} else {
  await import(pathToFileURL(path.resolve(import.meta.dirname, '../../out/main/index.js')).href);
  setTimeout(() => {
    console.error('the main process never made its tray');
    process.exit(1);
  }, 20_000);
}
