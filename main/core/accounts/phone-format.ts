/**
 * A phone number as the user's region writes it: a number of their own country the national way
 * ("(201) 555-0142" in the US, "01512 3456789" in Germany), any other the international way
 * ("+49 1512 3456789"). Whatever is not a possible number stays as the server sent it.
 * libphonenumber-js with its small metadata (formatting needs the patterns, not full validation),
 * loaded when the core starts rather than with main: it takes about 60 ms to load.
 */
import type * as Libphonenumber from 'libphonenumber-js/min';

type Library = typeof Libphonenumber;

let library: Library | null = null;

/** Loads the formatter; until then numbers stay as sent. */
export async function loadPhoneFormat(): Promise<void> {
  library ??= await import('libphonenumber-js/min');
}

export function formatPhone(raw: string, region: string | undefined): string {
  const n = library?.parsePhoneNumberFromString(raw);
  if (!n?.isPossible()) return raw;
  return n.country !== undefined && n.country === region ? n.formatNational() : n.formatInternational();
}
