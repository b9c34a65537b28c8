// @vitest-environment happy-dom
/** renderer/src/steps/CookiesStep.tsx: the sign-in window where there is one, the manual form always. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StepView } from '../../../../preload/contract/views.ts';
import { cookieLabel, CookiesStep } from '../../../../renderer/src/steps/CookiesStep.tsx';
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
    expect(screen.getByText('Enter the values yourself (advanced)').closest('details')?.open).toBe(false);
    expect(screen.getByText('Sign in to your workspace.')).toBeTruthy();
  });

  it('without one: the manual form, open, with plain labels saying where each value is found, and no words meant for the sign-in window', () => {
    render(<CookiesStep session={session(step)} step={step} canCapture={false} onCapture={vi.fn()} onSubmit={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Open sign-in window' })).toBeNull();
    expect(screen.getByText('Enter the values yourself (advanced)').closest('details')?.open).toBe(true);
    expect(screen.queryByText('Sign in to your workspace.')).toBeNull();
    expect(screen.getByLabelText('d · Cookies').getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('Token · found by the sign-in page (optional)')).toBeTruthy();
    const link = screen.getByRole('link', { name: /app\.slack\.com/ });
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['https://app.slack.com/signin', '_blank', 'noopener noreferrer']);
  });

  it('submits the values typed; a required one is required', () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<CookiesStep session={session(step)} step={step} canCapture={false} onCapture={vi.fn()} onSubmit={onSubmit} />);
    expect(screen.getByLabelText(/^d · Cookies/).hasAttribute('required')).toBe(true);
    expect(screen.getByLabelText(/^Token/).hasAttribute('required')).toBe(false);
    fireEvent.change(screen.getByLabelText(/^d · Cookies/), { target: { value: 'xoxd-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith({ d: 'xoxd-1' });
  });
});

describe('cookieLabel', () => {
  it('a name the browser shows stays as it is; a connector’s own name becomes its last part in words', () => {
    expect(cookieLabel({ name: 'X-IG-App-ID', source: 'header' })).toBe('X-IG-App-ID');
    expect(cookieLabel({ name: 'ct0', source: 'cookie' })).toBe('ct0');
    expect(cookieLabel({ name: 'fi.mau.slack.auth_token', source: 'special' })).toBe('Auth token');
    expect(cookieLabel({ name: 'fi.mau.gmessages.pair-data', source: 'special' })).toBe('Pair data');
    expect(cookieLabel({ name: 'fi.mau.', source: 'special' })).toBe('fi.mau.');
  });
});
