// @vitest-environment happy-dom
/** renderer/src/steps/UnsupportedStep.tsx: a step newer than this app loses nothing. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UnsupportedStep } from '../../../../renderer/src/steps/UnsupportedStep.tsx';

afterEach(cleanup);

describe('UnsupportedStep', () => {
  it('shows the server’s instructions, says where to finish, and names the step', () => {
    render(<UnsupportedStep step={{ type: 'unsupported', stepID: 'passkey', instructions: 'Use your passkey.', rawType: 'webauthn' }} />);
    expect(screen.getByText('Use your passkey.')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toMatch(/Finish this step in Beeper Desktop.*Step: webauthn/);
    expect(screen.getByText(/moves on by itself/)).toBeTruthy();
  });

  it('without instructions or a name: still says where to finish', () => {
    render(<UnsupportedStep step={{ type: 'unsupported', stepID: null, instructions: null, rawType: null }} />);
    expect(screen.getByRole('note').textContent).not.toContain('Step:');
    expect(screen.getByRole('note').textContent).toContain('Finish this step in Beeper Desktop');
  });
});
