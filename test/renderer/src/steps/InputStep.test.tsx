// @vitest-environment happy-dom
/** renderer/src/steps/InputStep.tsx: a form built from the network's fields. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InputFieldView, StepView } from '../../../../preload/contract/views.ts';
import { InputStep } from '../../../../renderer/src/steps/InputStep.tsx';
import { session } from '../../../support/views.ts';

afterEach(cleanup);

type InputStepView = Extract<StepView, { type: 'user_input' }>;
const field = (f: Partial<InputFieldView> & Pick<InputFieldView, 'id' | 'label' | 'kind'>): InputFieldView => ({ placeholder: null, initialValue: null, optional: false, pattern: null, options: [], ...f });
const step = (fields: InputFieldView[], extra: Partial<InputStepView> = {}): InputStepView => ({ type: 'user_input', stepID: 'login', instructions: null, fields, attachments: [], retry: false, ...extra });

describe('InputStep', () => {
  it('each field kind gets the control, keyboard and autofill it needs', () => {
    const s = step([
      field({ id: 'phone', label: 'Phone', kind: 'phone' }),
      field({ id: 'email', label: 'Email', kind: 'email' }),
      field({ id: 'code', label: 'Code', kind: 'code' }),
      field({ id: 'password', label: 'Password', kind: 'password' }),
      field({ id: 'server', label: 'Server', kind: 'select', options: ['eu', 'us'] }),
    ]);
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    const attrs = (label: string) => {
      const el = screen.getByLabelText(label);
      return [el.tagName.toLowerCase(), el.getAttribute('type'), el.getAttribute('inputmode'), el.getAttribute('autocomplete')];
    };
    expect(attrs('Phone')).toEqual(['input', 'tel', 'tel', 'tel']);
    expect(attrs('Email')).toEqual(['input', 'email', 'email', 'email']);
    expect(attrs('Code')).toEqual(['input', 'text', 'numeric', 'one-time-code']);
    expect(attrs('Password')).toEqual(['input', 'password', null, 'current-password']);
    expect(attrs('Server')[0]).toBe('select');
  });

  it('a secret can be shown and hidden again', () => {
    const s = step([field({ id: 'token', label: 'Token', kind: 'token' })]);
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show Token' }));
    expect(screen.getByLabelText('Token').getAttribute('type')).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide Token' }));
    expect(screen.getByLabelText('Token').getAttribute('type')).toBe('password');
  });

  it('submits every field with its initial value unless changed; optional fields say so', () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    const s = step([field({ id: 'server', label: 'Server', kind: 'url', initialValue: 'https://matrix.example' }), field({ id: 'name', label: 'Name', kind: 'text', optional: true })]);
    render(<InputStep session={session(s)} step={s} onSubmit={onSubmit} />);
    expect(screen.getByText('(optional)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'Alex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith({ server: 'https://matrix.example', name: 'Alex' });
  });

  it('a server pattern the browser cannot compile is left out instead of blocking the form', () => {
    const s = step([field({ id: 'a', label: 'Good', kind: 'text', pattern: '[0-9]+' }), field({ id: 'b', label: 'Bad', kind: 'text', pattern: '(?<' })]);
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('Good').getAttribute('pattern')).toBe('[0-9]+');
    expect(screen.getByLabelText('Bad').hasAttribute('pattern')).toBe(false);
  });

  it('while sending: busy, and a second submit is not sent', () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    const s = step([field({ id: 'code', label: 'Code', kind: 'code', initialValue: '12345' })]);
    render(<InputStep session={session(s, { busy: true })} step={s} onSubmit={onSubmit} />);
    expect(screen.getByRole('button', { name: /Checking/ }).getAttribute('aria-busy')).toBe('true');
    fireEvent.submit(screen.getByLabelText('Code').closest('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('asked again (an incorrect code): the network’s words as an alert', () => {
    const s = step([field({ id: 'code', label: 'Code', kind: 'code' })], { retry: true, instructions: 'Incorrect code' });
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe('Incorrect code');
  });

  it('a captcha picture is shown with its name', () => {
    const s = step([field({ id: 'captcha', label: 'Characters', kind: 'captcha' })], { attachments: [{ kind: 'image', name: 'captcha.png', dataURL: 'data:image/png;base64,AAAA' }] });
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    expect(screen.getByRole('img', { name: 'captcha.png' }).getAttribute('src')).toBe('data:image/png;base64,AAAA');
  });
});
