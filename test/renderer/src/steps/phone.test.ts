/** renderer/src/steps/phone.ts: the system's region, the country list, and numbers checked and written in E.164. */
import { describe, expect, it } from 'vitest';
import { checkPhone, countryOf, countryOptions, systemRegion } from '../../../../renderer/src/steps/phone.ts';
import { english } from '../../../support/i18n.ts';

describe('phone numbers', () => {
  it('the system’s region: the first language that names a country; a bare language its likely one; nothing from nonsense', () => {
    expect(systemRegion(['de-DE', 'en-US'])).toBe('DE');
    expect(systemRegion(['en'])).toBe('US');
    expect(systemRegion(['not a tag', 'fr-CA'])).toBe('CA');
    expect(systemRegion([])).toBeNull();
  });

  it('every country with its calling code, the system’s region first, the rest in order', () => {
    const options = countryOptions(english, 'DE');
    expect(options[0]).toEqual({ code: 'DE', label: 'Germany (+49)' });
    expect(options.length).toBeGreaterThan(200);
    const rest = options.slice(1).map((o) => o.label);
    expect(rest).toEqual([...rest].sort(new Intl.Collator('en').compare));
    expect(options.find((o) => o.code === 'US')?.label).toBe('United States (+1)');
  });

  it('a number typed the local way becomes E.164 with its country; one written with + keeps its own', () => {
    expect(checkPhone('(201) 555-0123', 'US', english)).toEqual({ e164: '+12015550123' });
    expect(checkPhone('0151 12345678', 'DE', english)).toEqual({ e164: '+4915112345678' });
    expect(checkPhone('+49 151 12345678', 'US', english)).toEqual({ e164: '+4915112345678' });
    expect(countryOf('+4915112345678')).toBe('DE');
    expect(countryOf('015112345678')).toBeNull();
  });

  it('what is wrong, in words: nothing typed, no country, not a number, not valid for the country', () => {
    expect(checkPhone('  ', 'US', english)).toEqual({ error: 'Enter your phone number.' });
    expect(checkPhone('555 123 4567', null, english)).toEqual({ error: 'Choose your country, or start the number with + and its country code.' });
    expect(checkPhone('1', 'US', english)).toEqual({ error: 'That does not look like a phone number. Check the digits.' });
    expect(checkPhone('letters', 'US', english)).toEqual({ error: 'That does not look like a phone number. Check the digits.' });
    expect(checkPhone('555 123 4567', 'US', english)).toEqual({ error: 'That is not a valid number for United States. Check the digits and the country.' });
  });
});
