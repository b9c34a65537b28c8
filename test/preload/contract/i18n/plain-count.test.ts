import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainCount, writesLatinDigits } from '../../../../preload/contract/i18n/plain-count.ts';
import { LANGUAGES } from '../../../../preload/contract/i18n/locales.ts';

const LETTER = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
/** Every form the rule accepts: a language alone, with a two-letter region, or with a UN M.49 one. */
const region = fc.oneof(fc.constant(''), fc.tuple(LETTER, LETTER).map(([a, b]) => `-${a}${b}`), fc.integer({ min: 0, max: 999 }).map((n) => `-${String(n).padStart(3, '0')}`));
const candidate = fc.tuple(fc.constantFrom(...LANGUAGES, 'ar', 'fa', 'hi', 'bn', 'mr', 'th', 'zh', 'my'), region).map(([l, r]) => l + r);

describe('writesLatinDigits', () => {
  it('a language it names, alone or with a region', () => {
    for (const tag of ['en', 'de', 'de-AT', 'en-150', 'en-XA']) expect(writesLatinDigits(tag)).toBe(true);
  });

  it('no script, no extension, nothing it does not know, and tags as they are canonically written', () => {
    for (const tag of ['en-u-nu-arab', 'de-Latn-DE', 'en-Dsrt', 'ar', 'ar-XB', 'ar-EG', 'fa', 'EN', 'en-us', 'en-US-x-a', 'en-1234', 'xen', 'art-de', '', 'de-CHE']) expect(writesLatinDigits(tag)).toBe(false);
  });

  it('ICU answers Latin digits for every tag it accepts', () => {
    fc.assert(
      fc.property(candidate, (tag) => {
        if (!writesLatinDigits(tag)) return;
        expect(new Intl.NumberFormat(tag).resolvedOptions().numberingSystem).toBe('latn');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('plainCount', () => {
  it('a whole number from 0 to 999 is its digits', () => {
    expect(plainCount(0)).toBe('0');
    expect(plainCount(7)).toBe('7');
    expect(plainCount(999)).toBe('999');
  });

  it('anything else is left to ICU', () => {
    for (const n of [1000, -1, -0, 1.5, 999.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(plainCount(n)).toBeNull();
  });

  it('is what ICU writes, for every count and tag the rule accepts', () => {
    fc.assert(
      fc.property(candidate, fc.integer({ min: -5, max: 1005 }), (tag, n) => {
        const plain = plainCount(n);
        if (!writesLatinDigits(tag) || plain === null) return;
        expect(plain).toBe(new Intl.NumberFormat(tag).format(n));
      }),
      { numRuns: 5000 },
    );
  });
});
