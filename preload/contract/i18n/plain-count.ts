/**
 * A count as ICU would write it, without asking ICU when the answer is the number's own digits.
 * The first Intl.NumberFormat in a process loads ICU's number data, 20–40 ms in a fresh window
 * (measured in Chromium), and the first screen's headings count accounts. A whole number from 0
 * to 999 in a language written with Latin digits, in its plain form or with a region, is its
 * digits: test/preload/contract/i18n/plain-count.test.ts holds this to Intl.NumberFormat for every
 * region of each language below. Any other tag, language or number is ICU's to write.
 */

/** Languages whose every regional form writes numbers with Latin digits by default. */
const LATIN_DIGIT_LANGUAGES: ReadonlySet<string> = new Set(['en', 'de']);

/** `en`, `de-AT`, `en-150`: a language with at most a region, no script and no extension (`-u-nu-…`). */
const PLAIN_TAG = /^([a-z]{2,3})(?:-(?:[A-Z]{2}|\d{3}))?$/;

export const writesLatinDigits = (locale: string): boolean => LATIN_DIGIT_LANGUAGES.has(PLAIN_TAG.exec(locale)?.[1] ?? '');

/** The digits of a count ICU would write the same, else null. */
export const plainCount = (n: number): string | null => (Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : null);
