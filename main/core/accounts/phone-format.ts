/**
 * A phone number as the user's region writes it: a number of their own country the national way
 * ("(201) 555-0142" in the US, "0151 23456789" in Germany), any other the international way
 * ("+49 151 23456789"). Whatever is not a possible number stays as the server sent it.
 * libphonenumber-js with its small metadata: formatting needs the patterns, not full validation.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export function formatPhone(raw: string, region: string | undefined): string {
  const n = parsePhoneNumberFromString(raw);
  if (!n?.isPossible()) return raw;
  return n.country !== undefined && n.country === (region as CountryCode | undefined) ? n.formatNational() : n.formatInternational();
}
