/**
 * `npm run preview`: the real UI in your browser, driven by the real core against the Beeper
 * Desktop API simulator. No Electron needed.
 *
 *   npm run preview -- [options]   (test/host/preview-args.ts lists them)
 */
import { previewOptions } from './preview-args.ts';
import { startStack } from './stack.ts';

let options;
try {
  options = previewOptions(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const stack = await startStack(options);

console.log(`Beeper Account Manager preview: ${stack.host.url}`);
console.log(`  simulated Beeper Desktop API: ${stack.sim.url} (profile: ${stack.sim.core.config.profile})`);
console.log(`  test control:                 ${stack.sim.controlURL}/__sim/  (e.g. POST /__sim/bridges/local-whatsapp/scan)`);
console.log('  Telegram code 12345, 2FA password "correct horse"; any name and password on the fake sign-in pages.');
console.log('Ctrl-C to stop.');

const shutdown = (): void => {
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
