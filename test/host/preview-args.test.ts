/** test/host/preview-args.ts: every option the README lists for `npm run preview` reaches the stack. */
import { describe, expect, it } from 'vitest';
import { previewOptions } from './preview-args.ts';

describe('previewOptions', () => {
  it('defaults: port 5174, the default seed and profile, real time, the approve page shown', () => {
    expect(previewOptions([])).toEqual({ hostPort: 5174, simPort: 0, controlPort: 0, seed: 'default', simConfig: { timeScale: 1, oauthAutoApprove: false, profile: 'bridgev2' } });
  });

  it('each option as the README lists it, including --seed large:N', () => {
    const o = previewOptions(['--port', '6000', '--seed', 'large:200', '--profile', 'future', '--time-scale', '0.1', '--auto-approve', '--sim-port', '23999', '--control-port', '24000']);
    expect(o).toEqual({ hostPort: 6000, simPort: 23999, controlPort: 24000, seed: 'large:200', simConfig: { timeScale: 0.1, oauthAutoApprove: true, profile: 'future' } });
    expect(previewOptions(['--seed', 'empty']).seed).toBe('empty');
    expect(previewOptions(['--seed=large:5']).seed).toBe('large:5');
  });

  it('a value it cannot use is an error naming the option', () => {
    expect(() => previewOptions(['--seed', 'huge'])).toThrow(/--seed "huge"/);
    expect(() => previewOptions(['--profile', 'nope'])).toThrow(/Unknown profile "nope"/);
    expect(() => previewOptions(['--port', 'x'])).toThrow(/--port must be a port number/);
    expect(() => previewOptions(['--time-scale', '0'])).toThrow(/--time-scale/);
    expect(() => previewOptions(['--colour'])).toThrow(/--colour/);
  });
});
