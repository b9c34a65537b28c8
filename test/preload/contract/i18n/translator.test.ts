import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { createTranslator, resolveOneLocale } from '../../../../preload/contract/i18n/translator.ts';
import { de } from '../../../../preload/contract/i18n/de.ts';
import { en } from '../../../../preload/contract/i18n/en.ts';

const german = createTranslator({ locale: 'de-DE', catalogue: 'de', dir: 'ltr' }, de);
const english = createTranslator({ locale: 'en-US', catalogue: 'en', dir: 'ltr' }, en);

describe('createTranslator', () => {
  it('plurals by the language’s rules', () => {
    expect(english.t('accounts.needAttention', { count: 1 })).toBe('1 account needs attention');
    expect(english.t('accounts.needAttention', { count: 3 })).toBe('3 accounts need attention');
    expect(german.t('accounts.needAttention', { count: 1 })).toBe('1 Konto braucht Aufmerksamkeit');
    expect(german.t('accounts.needAttention', { count: 1200 })).toBe('1.200 Konten brauchen Aufmerksamkeit');
  });

  it('a key the catalogue lacks, or a translation that cannot format, speaks English: never the key', () => {
    const partial = createTranslator({ locale: 'de', catalogue: 'de', dir: 'ltr' }, { 'common.cancel': 'Abbrechen', 'remove.title': '{nobody} entfernen?' });
    expect(partial.t('common.cancel')).toBe('Abbrechen');
    expect(partial.t('common.close')).toBe('Close');
    expect(partial.t('remove.title', { name: 'Alex' })).toBe('Remove Alex?');
  });

  it('text with no ICU syntax is itself; quotes, tags and parsed text are formatted as ICU says', () => {
    const lit = (m: string | MessageFormatElement[]) => createTranslator({ locale: 'en', catalogue: 'en', dir: 'ltr' }, { 'common.cancel': m }).t('common.cancel');
    expect(lit('Stop # now')).toBe('Stop # now');
    expect(lit("can''t")).toBe("can't"); // a quote is ICU syntax: never shown as typed
    expect(lit("'{'braces'}'")).toBe('{braces}');
    expect(lit(parse('Plain text'))).toBe('Plain text');
    expect(lit([])).toBe('');
    expect(lit(parse('Hi {name}'))).toBe('Cancel'); // not text: formatted, and without its value it falls back to English
  });

  it('lists, numbers, moments and relative times in the locale', () => {
    expect(english.list(['A', 'B', 'C'])).toBe('A, B, and C');
    expect(german.list(['A', 'B', 'C'])).toBe('A, B und C');
    expect(german.number(1234.5)).toBe('1.234,5');
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(german.ago(now - 10_000, now)).toBe('gerade eben');
    expect(german.ago(now - 5 * 60_000, now)).toBe('vor 5 Minuten');
    expect(english.ago(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(english.ago(now - 86_400_000, now)).toBe('yesterday');
    expect(german.when(now - 2 * 86_400_000, now)).toMatch(/28\.11\.2026/);
  });

  it('a moment today is its time; another day, its date and time', () => {
    const now = new Date(2026, 10, 30, 12, 0).getTime();
    expect(english.when(new Date(2026, 10, 30, 11, 59), now)).toBe('11:59 AM');
    expect(german.when(new Date(2026, 10, 28, 9, 5), now)).toBe('28.11.2026, 09:05');
  });

  it('relative times change unit at 45 seconds, 60 minutes and 24 hours', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(english.ago(now - 44_000, now)).toBe('just now');
    expect(english.ago(now - 45_000, now)).toBe('1 minute ago');
    expect(english.ago(now - 59 * 60_000, now)).toBe('59 minutes ago');
    expect(english.ago(now - 60 * 60_000, now)).toBe('1 hour ago');
    expect(english.ago(now - 23 * 3600_000, now)).toBe('23 hours ago');
    expect(english.ago(now + 2 * 3600_000, now)).toBe('in 2 hours');
    expect(english.list(['A', 'B'], 'disjunction')).toBe('A or B');
    expect(english.list(['A', 'B'])).toBe('A and B');
  });

  it('a message with tags comes in parts, each tag made by its function', () => {
    expect(english.rich('common.cancel', {})).toEqual(['Cancel']);
    const parts = english.rich<{ b: string }>('connect.step2', { b: (chunks) => ({ b: chunks.filter((c): c is string => typeof c === 'string').join('') }) });
    expect(parts.filter((p) => typeof p !== 'string')).toEqual([{ b: 'Settings → Developers' }, { b: 'Beeper Desktop API' }]);
  });
});

describe('the formatters\' locale', () => {
  it('is the one given, as the library would have resolved it, without asking ICU for every locale it has', () => {
    for (const locale of ['en', 'en-US', 'EN-gb', 'de', 'de-AT', 'de-DE', 'en-XA', 'ar-XB', 'ar', 'fr-CA', 'zh-Hant-TW', 'sr-Latn-RS', 'pt-BR', 'ja']) {
      const library = new Intl.Locale(Intl.NumberFormat.supportedLocalesOf(locale)[0] ?? locale);
      expect(resolveOneLocale(locale).toString(), locale).toBe(library.toString());
    }
    expect(resolveOneLocale(['de-AT', 'en']).toString()).toBe('de-AT');
    expect(resolveOneLocale([]).toString()).toBe('en');
  });

  it('is what every formatter uses', () => {
    expect(IntlMessageFormat.resolveLocale).toBe(resolveOneLocale);
    expect(new IntlMessageFormat('{n, plural, one {# Konto} other {# Konten}}', 'de').resolvedOptions().locale).toBe('de');
  });
});

describe('counts', () => {
  const NumberFormat = Intl.NumberFormat;
  let made: string[] = [];
  const counting = (): void => {
    made = [];
    // Every NumberFormat ICU is asked for, by its locale: a subclass, so what it writes is ICU's own.
    Intl.NumberFormat = class extends NumberFormat {
      constructor(...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        super(...args);
        made.push(this.resolvedOptions().locale);
      }
    } as typeof Intl.NumberFormat;
  };
  afterEach(() => {
    Intl.NumberFormat = NumberFormat;
  });

  it('are written as the library writes them, in every locale and for any number', () => {
    fc.assert(
      fc.property(fc.constantFrom('en', 'en-GB', 'de-CH', 'de-AT', 'ar-XB', 'en-XA', 'en-u-nu-arab', 'de-u-nu-deva'), fc.oneof(fc.integer({ min: -50, max: 5000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), (tag, count) => {
        const ours = createTranslator({ locale: tag, catalogue: 'en', dir: 'ltr' }, en).t('accounts.count', { count });
        expect(ours).toBe(new IntlMessageFormat(en['accounts.count'], tag).format({ count }));
      }),
      { numRuns: 2000 },
    );
  });

  it('a plain count asks ICU for no number format; any other asks it once for all messages', () => {
    counting();
    const t = createTranslator({ locale: 'de-DE', catalogue: 'de', dir: 'ltr' }, de);
    expect(t.t('accounts.count', { count: 12 })).toBe('12 Konten');
    expect(t.t('accounts.needAttention', { count: 3 })).toBe('3 Konten brauchen Aufmerksamkeit');
    expect(made).toEqual([]);
    expect(t.t('accounts.count', { count: 1200 })).toBe('1.200 Konten');
    expect(t.t('accounts.needAttention', { count: 1500 })).toBe('1.500 Konten brauchen Aufmerksamkeit');
    expect(t.number(2500)).toBe('2.500');
    expect(made).toEqual(['de-DE']);
  });

  it('a number with a style, a date and a time are ICU’s to write, in a Latin-digit locale too', () => {
    const t = createTranslator({ locale: 'en-US', catalogue: 'en', dir: 'ltr' }, { 'common.cancel': '{n, number, percent} at {at, time, short} on {at, date, medium}' });
    const at = new Date(2026, 10, 30, 14, 5);
    expect(t.t('common.cancel', { n: 5, at: at.getTime() })).toBe(`500% at ${new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(at)} on Nov 30, 2026`);
    expect(english.t('tray.downloading', { percent: 0.5 })).toBe('Downloading update… 50%');
  });

  it('digits other than Latin ones are ICU’s to write', () => {
    counting();
    const t = createTranslator({ locale: 'en-u-nu-arab', catalogue: 'en', dir: 'ltr' }, en);
    expect(t.t('accounts.count', { count: 3 })).toBe('٣ accounts');
    expect(t.number(7)).toBe('٧');
    expect(made).toEqual(['en-u-nu-arab']);
  });
});
