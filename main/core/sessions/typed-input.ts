/** What a user typed into a `user_input` step, checked before it is sent. */
import type { UserInputStep } from '../api/schemas.ts';
import { AppError } from '../errors.ts';
import { compilePattern } from '../patterns.ts';
import { t, translator } from '../i18n.ts';

/** Checks typed values against the step's fields: required ones filled (initial values count), patterns met. */
export function prepareInput(step: UserInputStep, values: Record<string, string>, onInvalidPattern?: (source: string) => void): Record<string, string> | AppError {
  const fields: Record<string, string> = {};
  const missing: string[] = [];
  for (const f of step.fields) {
    const typed = values[f.id];
    const value = typed !== undefined && typed !== '' ? typed : (f.initialValue ?? '');
    if (value === '') {
      if (!f.optional) missing.push(f.label ?? f.id);
      continue;
    }
    // A pattern that cannot be compiled is left to the network to check.
    const re = compilePattern(f.pattern, onInvalidPattern);
    if (re && !re.test(value)) return new AppError('invalid_input', t('error.badFormat', { field: f.label ?? f.id }), { code: 'PATTERN_MISMATCH' });
    fields[f.id] = value;
  }
  if (missing.length > 0) return new AppError('invalid_input', t('error.fillIn', { fields: translator().list(missing) }), { code: 'MISSING_FIELDS' });
  return fields;
}
