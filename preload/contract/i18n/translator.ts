/**
 * One translator per locale: a message by its key, formatted with ICU MessageFormat
 * (intl-messageformat: plurals, selects, numbers, dates), and the `Intl` formatters the screens
 * use for lists, times and relative times. A key the catalogue lacks falls back to English; a
 * message that cannot be formatted falls back to English too, never to the raw key.
 */
import { IntlMessageFormat, type Formatters, type PrimitiveType } from 'intl-messageformat';
import { isLiteralElement, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en, type MessageKey } from './en.ts';
import { isPlainText } from './plain-text.ts';
import { plainCount, writesLatinDigits } from './plain-count.ts';
import type { ResolvedLocale } from './locales.ts';

/** A catalogue: each key's ICU message, as text or already parsed (the pseudo-locales). */
export type Catalogue = Readonly<Partial<Record<MessageKey, string | MessageFormatElement[]>>>;
export type MessageValues = Readonly<Record<string, PrimitiveType>>;

export interface Translator {
  readonly locale: string;
  readonly catalogue: ResolvedLocale['catalogue'];
  readonly dir: 'ltr' | 'rtl';
  t: (key: MessageKey, values?: MessageValues) => string;
  /**
   * A message with tags (`<b>…</b>`, `<link>…</link>`): each tag's function gets its content and
   * returns what stands there (a React element in the window). Parts in order.
   */
  rich: <T>(key: MessageKey, values: Readonly<Record<string, PrimitiveType | T | ((chunks: Array<string | T>) => T)>>) => Array<string | T>;
  /** "A, B and C" (or "A, B or C"). */
  list: (items: readonly string[], type?: 'conjunction' | 'disjunction') => string;
  /** A moment: its time when it is today, else its date and time. */
  when: (at: string | number | Date, now?: number) => string;
  /** "just now", "5 minutes ago", "in 2 hours", "yesterday". */
  ago: (at: string | number | Date, now?: number) => string;
  number: (n: number) => string;
}

/** What a function needs to word something: the translator's `t`. */
export type Translate = Translator['t'];

/**
 * The library checks each formatter's locales against every locale ICU has
 * (Intl.NumberFormat.supportedLocalesOf: 25–50 ms the first time in a fresh window, on the way to
 * its first paint). Ours come resolved (./locales.ts) and one at a time, for which its answer is
 * `new Intl.Locale(locale)` either way (test/preload/contract/i18n/translator.test.ts holds that).
 */
export const resolveOneLocale = (locales: string | string[]): Intl.Locale => new Intl.Locale(typeof locales === 'string' ? locales : (locales[0] ?? 'en'));
IntlMessageFormat.resolveLocale = resolveOneLocale;

type Formatter = { format(values?: Readonly<Record<string, unknown>>): unknown };
type AnyValues = Readonly<Record<string, unknown>>;
const parts = <T>(out: unknown): Array<string | T> => (Array.isArray(out) ? (out as Array<string | T>) : [out as string | T]);

/**
 * A message that is only text, as it is: no formatter to build (making the first one loads the
 * locale's data, tens of milliseconds on the way to the first window). A parsed message that is
 * text is one literal element.
 */
function literalOf(source: string | MessageFormatElement[]): string | null {
  if (typeof source === 'string') return isPlainText(source) ? source : null;
  if (source.length === 0) return '';
  const only = source.length === 1 ? source[0]! : null;
  return only && isLiteralElement(only) ? only.value : null;
}

function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * One set of ICU formatters for all of a translator's messages (the library's default is a set per
 * message). A count (`#`, asked with no options) is written without ICU where ./plain-count.ts
 * says ICU would write its digits.
 */
function formattersFor(): Formatters {
  const numberFormat = cached((locales?: string | string[], opts?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, opts));
  const counts = cached((locale: string) => ({ format: (n: number) => plainCount(n) ?? numberFormat(locale).format(n) }) as Intl.NumberFormat);
  return {
    getNumberFormat: (locales, opts) => (opts === undefined && writesLatinDigits(String(locales)) ? counts(String(locales)) : numberFormat(locales, opts)),
    getDateTimeFormat: cached((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args)),
    getPluralRules: cached((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
  };
}

/** `make`, made once for each list of arguments. */
function cached<A extends unknown[], T extends object>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args) => {
    const key = JSON.stringify(args);
    let f = made.get(key);
    if (!f) made.set(key, (f = make(...args)));
    return f;
  };
}

export function createTranslator(resolved: ResolvedLocale, messages: Catalogue): Translator {
  const { locale } = resolved;
  const cache = new Map<MessageKey, Formatter>();
  const english = new Map<MessageKey, Formatter>();
  const formatters = formattersFor();
  const compile = (key: MessageKey, into: Map<MessageKey, Formatter>, source: string | MessageFormatElement[], tag: string): Formatter => {
    let f = into.get(key);
    if (!f) into.set(key, (f = new IntlMessageFormat(source, tag, undefined, { formatters })));
    return f;
  };
  const render = (key: MessageKey, into: Map<MessageKey, Formatter>, source: string | MessageFormatElement[], tag: string, values?: AnyValues): unknown =>
    literalOf(source) ?? compile(key, into, source, tag).format(values);
  const inEnglish = (key: MessageKey, values?: AnyValues): unknown => render(key, english, en[key], 'en', values);
  /** The message in this locale; English for a key the catalogue lacks or a translation that cannot format. */
  const format = (key: MessageKey, values?: AnyValues): unknown => {
    const source = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (source === undefined) return inEnglish(key, values);
    try {
      return render(key, cache, source, locale, values);
    } catch {
      return inEnglish(key, values);
    }
  };
  const t = (key: MessageKey, values?: MessageValues): string => String(format(key, values));
  const lists = cached((type: Intl.ListFormatType) => new Intl.ListFormat(locale, { type }));
  // Made on first use: each loads its locale data (tens of ms at start, for main and the window alike).
  const timeOnly = once(() => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }));
  const dateAndTime = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const relative = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  return {
    locale,
    catalogue: resolved.catalogue,
    dir: resolved.dir,
    t,
    rich: (key, values) => parts(format(key, values)),
    list: (items, type = 'conjunction') => lists(type).format(items),
    when: (at, now = Date.now()) => {
      const d = new Date(at);
      return d.toDateString() === new Date(now).toDateString() ? timeOnly().format(d) : dateAndTime().format(d);
    },
    ago: (at, now = Date.now()) => {
      const seconds = Math.round((new Date(at).getTime() - now) / 1000);
      if (Math.abs(seconds) < 45) return t('time.justNow');
      const minutes = Math.round(seconds / 60);
      if (Math.abs(minutes) < 60) return relative().format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 24) return relative().format(hours, 'hour');
      return relative().format(Math.round(hours / 24), 'day');
    },
    number: (n) => formatters.getNumberFormat(locale).format(n),
  };
}
