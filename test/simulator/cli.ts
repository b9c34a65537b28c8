/**
 * Starts the Beeper Desktop API simulator from the command line:
 *
 *   npm run simulator -- [--port 23373] [--control-port 23399] [--seed default|empty]
 *                        [--token <token>] [--auto-approve] [--time-scale 1] [--qr-rotation-ms <ms>]
 *                        [--profile sdk|bridgev2|future]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PROFILE, parseProfile, type Profile } from './profiles.ts';
import { startSimulator } from './server.ts';
import { parseSeed } from './bridges/catalog.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '23373' },
    host: { type: 'string', default: '127.0.0.1' },
    'control-port': { type: 'string' },
    seed: { type: 'string', default: 'default' },
    profile: { type: 'string', default: DEFAULT_PROFILE },
    token: { type: 'string', multiple: true },
    'auto-approve': { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '1' },
    'qr-rotation-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Beeper Desktop API simulator

  --port <n>            API port (default 23373; 0 = any free port)
  --control-port <n>    also serve /__sim/* test control on this port
  --seed default|empty|large:N  starting accounts (default: a few connected, one needing login;
                       large:N: N connected accounts over N/10 networks, at most 50)
  --profile <name>      the kind of Beeper Desktop on the wire: sdk (only the SDK's fields),
                        bridgev2 (default: plus bridgev2's pass-through fields), future (a newer
                        Desktop: unknown enum values, new step types, nulls, extra fields)
  --token <t>           accept this bearer token from the start (repeatable)
  --auto-approve        skip the OAuth approve page
  --time-scale <x>      multiply connector timers (QR rotation, timeouts); 0.1 = ten times faster
  --qr-rotation-ms <n>  rotate every QR code on this interval`);
  process.exit(0);
}

const seed = parseSeed(values.seed);
if (!seed) {
  console.error(`Unknown seed ${values.seed}: use default, empty or large:N`);
  process.exit(2);
}
let profile: Profile;
try {
  profile = parseProfile(values.profile);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const sim = await startSimulator({
  port: Number(values.port),
  host: values.host,
  controlPort: values['control-port'] === undefined ? null : Number(values['control-port']),
  seed,
  profile,
  tokens: (values.token ?? []).map((token) => ({ token })),
  config: {
    oauthAutoApprove: values['auto-approve'],
    timeScale: Number(values['time-scale']),
    qrRotationMs: values['qr-rotation-ms'] ? Number(values['qr-rotation-ms']) : null,
  },
});

console.log(`Beeper Desktop API simulator listening on ${sim.url} (seed: ${seed}, profile: ${profile})`);
if (sim.controlPort !== null) console.log(`Test control on ${sim.controlURL}/__sim/`);
if (values.token?.length) console.log(`Accepting ${values.token.length} preset token(s)`);
console.log(`OAuth: ${sim.url}/.well-known/oauth-authorization-server — Ctrl-C to stop`);

const shutdown = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
