/** renderer/src/steps/registry.tsx: a title for every step the contract can carry. */
import { describe, expect, it } from 'vitest';
import { StepViewSchema, type InputFieldView, type StepView } from '../../../../preload/contract/views.ts';
import { STEPS, stepEntry } from '../../../../renderer/src/steps/registry.tsx';
import { english } from '../../../support/i18n.ts';

const field = (kind: InputFieldView['kind'], label = 'Field'): InputFieldView => ({ id: kind, label, placeholder: null, initialValue: null, optional: false, kind, pattern: null, options: kind === 'select' ? ['a'] : [] });
const input = (...fields: InputFieldView[]): StepView => ({ type: 'user_input', stepID: 's', instructions: null, fields, attachments: [], retry: false });
const display = (d: Extract<StepView, { type: 'display_and_wait' }>['display']): StepView => ({ type: 'display_and_wait', stepID: 's', instructions: null, display: d, revision: 1 });
const title = (step: StepView): string => stepEntry(step).title(step, 'Telegram', english.t);

describe('the step registry', () => {
  it('has an entry for every step type of the contract, and nothing else', () => {
    expect(Object.keys(STEPS).sort()).toEqual(StepViewSchema.options.map((o) => o.shape.type.value).sort());
  });

  it.each([
    ['Enter your password', input(field('phone'), field('password'))],
    ['Enter the code', input(field('code'))],
    ['Enter your phone number', input(field('phone'))],
    ['Type the characters in the picture', input(field('captcha'))],
    ['Enter your email address', input(field('email'))],
    ['Choose: Server region', input(field('select', 'Server region'))],
    ['Log in to Telegram', input(field('text'), field('url'))],
    ['Scan the QR code', display({ kind: 'qr', data: 'x' })],
    ['Tap the matching emoji', display({ kind: 'emoji', imageURL: null, emoji: null, loading: true })],
    ['Enter this code on your phone', display({ kind: 'code', data: 'ABCD' })],
    ['Waiting for your phone', display({ kind: 'nothing' })],
    ['Waiting for your phone', display({ kind: 'unsupported', rawType: 'nfc' })],
  ])('titled "%s"', (expected, step) => {
    expect(title(step)).toBe(expected);
  });

  it('only a form takes focus to its first field', () => {
    expect(Object.entries(STEPS).filter(([, e]) => e.focus === 'first-field').map(([k]) => k)).toEqual(['user_input']);
  });
});
