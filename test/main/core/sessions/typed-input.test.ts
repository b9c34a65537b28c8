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
    expect(prepareInput(step([f('Phone'), f('Code')]), {})).toMatchObject({ kind: 'invalid_input', message: 'Fill in Phone, Code.' });
    expect(prepareInput(step([f('PIN', { pattern: '^[0-9]{4}$' })]), { PIN: '12a4' })).toMatchObject({ kind: 'invalid_input', code: 'PATTERN_MISMATCH' });
    expect(prepareInput(step([f('PIN', { pattern: '([' })]), { PIN: 'anything' })).toEqual({ PIN: 'anything' }); // broken pattern: left to the network
  });
});