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

/**
 * Each refresh words every account again, and parsing a number costs about half a millisecond:
 * the answers are kept, the last few thousand (a number and a region are all they depend on).
 */
export const KEPT_ANSWERS = 2_000;
const answers = new Map<string, string>();

export function formatPhone(raw: string, region: string | undefined): string {
  if (!library) return raw;
  const key = `${region ?? ''} ${raw}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = format(library, raw, region);
    if (answers.size >= KEPT_ANSWERS) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
  }
  return answer;
}

function format(lib: Library, raw: string, region: string | undefined): string {
  const n = lib.parsePhoneNumberFromString(raw);
  if (!n?.isPossible()) return raw;
  return n.country !== undefined && n.country === region ? n.formatNational() : n.formatInternational();
}
