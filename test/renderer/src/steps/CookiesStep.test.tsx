// @vitest-environment happy-dom
/** renderer/src/steps/CookiesStep.tsx: the sign-in window where there is one, the manual form always. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepView } from '../../../../preload/contract/views.ts';
import { CookiesStep } from '../../../../renderer/src/steps/CookiesStep.tsx';
import { session } from '../../../support/views.ts';

afterEach(cleanup);

const step: Extract<StepView, { type: 'cookies' }> = {
  type: 'cookies',
  stepID: 'fi.mau.slack.login.cookies',
  instructions: 'Sign in to your workspace.',
  url: 'https://app.slack.com/signin',
  fields: [
    { id: 'd', name: 'd', source: 'cookie', required: true, optional: false, pattern: null },
    { id: 'token', name: 'token', source: 'special', required: false, optional: true, pattern: null },
  ],
};

describe('CookiesStep', () => {
  it('with a capture window: opens it; the manual form is folded away', () => {
    const onCapture = vi.fn(() => Promise.resolve());
    render(<CookiesStep session={session(step)} step={step} canCapture onCapture={onCapture} onSubmit={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open sign-in window' }));
    expect(onCapture).toHaveBeenCalledOnce();
    expect(screen.getByText('Or enter the values yourself').closest('details')?.open).toBe(false);
  });

  it('without one: the manual form, open, naming where each value is found and linking the sign-in page', () => {
    render(<CookiesStep session={session(step)} step={step} canCapture={false} onCapture={vi.fn()} onSubmit={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Open sign-in window' })).toBeNull();
    expect(screen.getByText('Enter the sign-in values').closest('details')?.open).toBe(true);
    expect(screen.getByLabelText(/^d cookie/).getAttribute('type')).toBe('password');
    expect(screen.getByLabelText(/^token value found by the sign-in page \(optional\)/)).toBeTruthy();
    const link = screen.getByRole('link', { name: /app\.slack\.com/ });
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['https://app.slack.com/signin', '_blank', 'noopener noreferrer']);
  });

  it('submits the values typed; a required one is required', () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<CookiesStep session={session(step)} step={step} canCapture={false} onCapture={vi.fn()} onSubmit={onSubmit} />);
    expect(screen.getByLabelText(/^d cookie/).hasAttribute('required')).toBe(true);
    expect(screen.getByLabelText(/^token/).hasAttribute('required')).toBe(false);
    fireEvent.change(screen.getByLabelText(/^d cookie/), { target: { value: 'xoxd-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith({ d: 'xoxd-1' });
  });
});
