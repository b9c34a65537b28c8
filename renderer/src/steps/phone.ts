/**
 * Phone numbers, checked and written here before they are sent: a country (the system's region
 * first), the number as people type it, and E.164 ("+15550100101") to Beeper Desktop. On
 * libphonenumber-js with its full metadata (the smallest one checks only lengths: "0151 123" would
 * pass for Germany); this module is loaded only when a step asks for a phone number.
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Translator } from '../../../preload/contract/i18n/translator.ts';
import { regionOf } from '../../../preload/contract/i18n/locales.ts';

export type { CountryCode };

const COUNTRIES = new Set<string>(getCountries());

/** The first of the system's languages that names a country this library knows ("en-GB" → GB). */
export function systemRegion(languages: readonly string[]): CountryCode | null {
  const region = languages.map(regionOf).find((r) => r !== undefined && COUNTRIES.has(r));
  return (region as CountryCode | undefined) ?? null;
}

/** Every country as "Germany (+49)", in the user's language and order, the system's region first. */
export function countryOptions(i18n: Translator, first: CountryCode | null): Array<{ code: CountryCode; label: string }> {
  const names = new Intl.DisplayNames([i18n.locale], { type: 'region' });
  const collator = new Intl.Collator(i18n.locale);
  const options = getCountries().map((code) => ({ code, label: i18n.t('phone.option', { country: names.of(code) ?? code, code: getCountryCallingCode(code) }) }));
  options.sort((a, b) => (a.code === first ? -1 : b.code === first ? 1 : collator.compare(a.label, b.label)));
  return options;
}

/** The country a number already written in full (`+49…`) belongs to, if any. */
export function countryOf(value: string): CountryCode | null {
  return value.trim().startsWith('+') ? (parsePhoneNumberFromString(value)?.country ?? null) : null;
}

/**
 * A number as typed, with the country chosen (a number starting with + carries its own): E.164 when
 * it is a valid number, else what is wrong, in words.
 */
export function checkPhone(value: string, country: CountryCode | null, i18n: Translator): { e164: string } | { error: string } {
  const { t } = i18n;
  if (value.trim() === '') return { error: t('phone.empty') };
  const n = parsePhoneNumberFromString(value, country ?? undefined);
  if (!n) return { error: t(country ? 'phone.notANumber' : 'phone.noCountry') };
  const where = n.country ?? country;
  if (!n.isValid()) return { error: t('phone.invalid', { country: (where && new Intl.DisplayNames([i18n.locale], { type: 'region' }).of(where)) || t('phone.thatCountry') }) };
  return { e164: n.number };
}
