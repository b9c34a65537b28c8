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

describe('InputStep, phone numbers and errors', () => {
  const phoneStep = step([field({ id: 'phone_number', label: 'Phone number', kind: 'phone', pattern: '^\\+[0-9]+$' })]);

  it('a country (the system’s region first), the number typed the local way, sent in E.164', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<InputStep session={session(phoneStep)} step={phoneStep} onSubmit={onSubmit} />);
    const country = await screen.findByLabelText<HTMLSelectElement>('Country');
    expect(country.value).toBe('US'); // happy-dom's navigator.languages: en-US
    expect(country.options[1]!.textContent).toBe('United States (+1)');
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '(201) 555-0123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith({ phone_number: '+12015550123' });
  });

  it('a number that is not valid for the country: said at the field, which is marked and focused; nothing is sent; typing again clears it', async () => {
    const onSubmit = vi.fn(() => Promise.resolve());
    render(<InputStep session={session(phoneStep)} step={phoneStep} onSubmit={onSubmit} />);
    fireEvent.change(await screen.findByLabelText('Country'), { target: { value: 'DE' } });
    const input = screen.getByLabelText('Phone number');
    fireEvent.change(input, { target: { value: '0151 123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(input.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(error.textContent).toBe('That is not a valid number for Germany. Check the digits and the country.');
    expect(error.className).toBe('field-error');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: '0151 12345678' } });
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onSubmit).toHaveBeenCalledWith({ phone_number: '+4915112345678' });
  });

  it('a number given with its country code picks that country', async () => {
    const s = step([field({ id: 'phone', label: 'Phone', kind: 'phone', initialValue: '+4915112345678' })]);
    render(<InputStep session={session(s)} step={s} onSubmit={vi.fn()} />);
    expect((await screen.findByLabelText<HTMLSelectElement>('Country')).value).toBe('DE');
  });

  it('one field: the server’s rejection is said at it, in the same style; several: under the form', () => {
    const code = step([field({ id: 'code', label: 'Code', kind: 'code' })]);
    render(<InputStep session={session(code, { stepError: { kind: 'invalid_request', message: 'That code is not right.' } })} step={code} onSubmit={vi.fn()} />);
    const input = screen.getByLabelText('Code');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)!.textContent).toBe('That code is not right.');
    expect(document.querySelectorAll('.field-error')).toHaveLength(1);
    cleanup();
    const two = step([field({ id: 'a', label: 'A', kind: 'text' }), field({ id: 'b', label: 'B', kind: 'text' })]);
    render(<InputStep session={session(two, { stepError: { kind: 'invalid_request', message: 'Check the values.' } })} step={two} onSubmit={vi.fn()} />);
    expect(screen.getByText('Check the values.').className).toBe('field-error');
    expect(screen.getByLabelText('A').hasAttribute('aria-invalid')).toBe(false);
  });

  it('a code step of a new login offers “Use another number”; a reconnect (its number is kept) does not', () => {
    const code = step([field({ id: 'code', label: 'Code', kind: 'code' })]);
    render(<InputStep session={session(code)} step={code} onSubmit={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Use another number' })).toBeTruthy();
    cleanup();
    render(<InputStep session={session(code, { reconnect: { loginID: 'l', accountID: null, identity: null } })} step={code} onSubmit={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Use another number' })).toBeNull();
    cleanup();
    render(<InputStep session={session(phoneStep)} step={phoneStep} onSubmit={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Use another number' })).toBeNull();
  });
});
