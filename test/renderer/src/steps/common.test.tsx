// @vitest-environment happy-dom
/** renderer/src/steps/common.tsx: the reveal button and the step footer every step form uses. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RevealButton, StepFormFooter } from '../../../../renderer/src/steps/common.tsx';
import { session } from '../../../support/views.ts';

afterEach(cleanup);

describe('step form pieces', () => {
  it('the reveal button says what it shows or hides, and whether it is pressed', () => {
    const toggle = vi.fn();
    const { rerender } = render(<RevealButton reveal={false} onToggle={toggle} name="password" />);
    const shown = screen.getByRole('button', { name: 'Show password' });
    expect(shown.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(shown);
    expect(toggle).toHaveBeenCalledTimes(1);
    rerender(<RevealButton reveal onToggle={toggle} name="password" />);
    expect(screen.getByRole('button', { name: 'Hide password' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('the footer: the step’s error as an alert, then Continue, or Checking… while it is sent', () => {
    const { rerender } = render(<StepFormFooter session={session(null)} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Continue' }).className).toContain('btn-primary');
    rerender(<StepFormFooter session={session(null, { busy: true, stepError: { kind: 'invalid_input', message: 'Wrong code.' } })} primary={false} />);
    expect(screen.getByRole('alert').textContent).toBe('Wrong code.');
    const busy = screen.getByRole('button', { name: 'Checking…' });
    expect([busy.className.includes('btn-secondary'), busy.getAttribute('aria-busy')]).toEqual([true, 'true']);
  });
});
