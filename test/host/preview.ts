/**
 * `npm run preview`: the real UI in your browser, driven by the real core against the Beeper
 * Desktop API simulator. No Electron needed.
 *
 *   npm run preview -- [--port 5174] [--seed default|empty] [--profile sdk|bridgev2|future]
 *                      [--time-scale 1] [--auto-approve]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PROFILE, parseProfile } from '../simulator/profiles.ts';
import { startStack } from './stack.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    'sim-port': { type: 'string', default: '0' },
    'control-port': { type: 'string', default: '0' },
    seed: { type: 'string', default: 'default' },
    profile: { type: 'string', default: DEFAULT_PROFILE },
    'time-scale': { type: 'string', default: '1' },
    'auto-approve': { type: 'boolean', default: false },
  },
});

const stack = await startStack({
  hostPort: Number(values.port),
  simPort: Number(values['sim-port']),
  controlPort: Number(values['control-port']),
  seed: values.seed === 'empty' ? 'empty' : 'default',
  simConfig: { timeScale: Number(values['time-scale']), oauthAutoApprove: values['auto-approve'], profile: parseProfile(values.profile) },
});

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
