/** main/core/sessions/typed-input.ts: typed values checked against the step's fields before they are sent. */
import { describe, expect, it } from 'vitest';
import type { UserInputStep } from '../../../../main/core/api/schemas.ts';
import { prepareInput } from '../../../../main/core/sessions/typed-input.ts';

describe('prepareInput', () => {
  const step = (fields: UserInputStep['fields']): UserInputStep => ({ type: 'user_input', stepID: 's', fields, instructions: undefined, attachments: undefined });
  const f = (id: string, extra: Partial<UserInputStep['fields'][number]> = {}): UserInputStep['fields'][number] => ({
    id,
    label: id,
    placeholder: undefined,
    initialValue: undefined,
    optional: undefined,
    type: undefined,
    pattern: undefined,
    options: undefined,
    ...extra,
  });

  it('uses the initial value when nothing is typed, skips empty optional fields, drops unknown keys', () => {
    expect(prepareInput(step([f('a', { initialValue: 'init' }), f('b', { optional: true }), f('c')]), { c: 'x', extra: 'dropped' })).toEqual({ a: 'init', c: 'x' });
  });

  it('names missing required fields, and checks patterns', () => {
    expect(prepareInput(step([f('Phone'), f('Code')]), {})).toMatchObject({ kind: 'invalid_input', message: 'Fill in Phone and Code.' });
    expect(prepareInput(step([f('PIN', { pattern: '^[0-9]{4}$' })]), { PIN: '12a4' })).toMatchObject({ kind: 'invalid_input', code: 'PATTERN_MISMATCH' });
    expect(prepareInput(step([f('PIN', { pattern: '([' })]), { PIN: 'anything' })).toEqual({ PIN: 'anything' }); // broken pattern: left to the network
  });
});

describe('prepareInput, exactly', () => {
  const step = (fields: UserInputStep['fields']): UserInputStep => ({ type: 'user_input', stepID: 's', fields, instructions: undefined, attachments: undefined });
  const f = (id: string, extra: Partial<UserInputStep['fields'][number]> = {}): UserInputStep['fields'][number] => ({
    id, label: undefined, placeholder: undefined, initialValue: undefined, optional: undefined, type: undefined, pattern: undefined, options: undefined, ...extra,
  });

  it('an emptied field falls back to its initial value; one with neither is missing', () => {
    expect(prepareInput(step([f('a', { initialValue: 'init' })]), { a: '' })).toEqual({ a: 'init' });
    expect(prepareInput(step([f('a')]), {})).toMatchObject({ kind: 'invalid_input', code: 'MISSING_FIELDS', message: 'Fill in a.' });
  });

  it('a field is named by its label, else its ID, when missing or in the wrong format', () => {
    expect(prepareInput(step([f('phone', { label: 'Phone number' }), f('code')]), {})).toMatchObject({ message: 'Fill in Phone number and code.' });
    expect(prepareInput(step([f('pin', { label: 'PIN', pattern: '^\\d{4}$' })]), { pin: 'x' })).toMatchObject({ message: 'PIN is not in the expected format.' });
    expect(prepareInput(step([f('pin', { pattern: '^\\d{4}$' })]), { pin: 'x' })).toMatchObject({ message: 'pin is not in the expected format.' });
  });
});
