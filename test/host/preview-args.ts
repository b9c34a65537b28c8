/**
 * The preview's command line, read into what the stack starts with. Every option the README lists
 * is here; a value it cannot use is an error naming the option, never a silent default.
 *
 *   npm run preview -- [--port 5174] [--seed default|empty|large:N] [--profile sdk|bridgev2|future]
 *                      [--time-scale 1] [--auto-approve] [--sim-port 0] [--control-port 0]
 */
import { parseArgs } from 'node:util';
import { parseSeed } from '../simulator/index.ts';
import { DEFAULT_PROFILE, parseProfile } from '../simulator/profiles.ts';
import type { StackOptions } from './stack.ts';

export function previewOptions(args: readonly string[]): StackOptions {
  const { values } = parseArgs({
    args: [...args],
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
  const seed = parseSeed(values.seed);
  if (!seed) throw new Error(`Unknown --seed "${values.seed}": use default, empty or large:N.`);
  const timeScale = Number(values['time-scale']);
  if (!(timeScale > 0)) throw new Error(`--time-scale must be a positive number, not "${values['time-scale']}".`);
  return {
    hostPort: port('--port', values.port),
    simPort: port('--sim-port', values['sim-port']),
    controlPort: port('--control-port', values['control-port']),
    seed,
    simConfig: { timeScale, oauthAutoApprove: values['auto-approve'], profile: parseProfile(values.profile) },
  };
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${name} must be a port number (0 for any free one), not "${value}".`);
  return n;
}
