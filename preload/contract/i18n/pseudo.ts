/**
 * The two pseudo-locales, made from English: only the words change, never the placeholders, plural
 * forms or tags, so every message still formats.
 * - en-XA: every letter accented and each message about 40% longer, in brackets: a cut-off or an
 *   overflow shows at once, and so does any text that did not come from a catalogue.
 * - ar-XB: each run of words set right-to-left (inside RLE … PDF), and the window mirrored by its
 *   `dir`: a layout written with left and right instead of start and end shows.
 */
import { createLiteralElement, parse, isLiteralElement, isPluralElement, isSelectElement, isTagElement, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { PseudoLocale } from './locales.ts';
import { isPlainText } from './plain-text.ts';
import type { Catalogue } from './translator.ts';
import { en, type MessageKey } from './en.ts';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'àƀçđéƒĝĥíĵķĺɱñöþʠŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);
const accent = (s: string): string => [...s].map((c) => ACCENTED[c] ?? c).join('');
const RLE = '\u202B';
const PDF = '\u202C';

type Literal = (text: string) => string;

function mapLiterals(elements: MessageFormatElement[], f: Literal): MessageFormatElement[] {
  return elements.map((el) => {
    if (isLiteralElement(el)) return { ...el, value: f(el.value) };
    if (isPluralElement(el) || isSelectElement(el)) {
      return { ...el, options: Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: mapLiterals(o.value, f) }])) };
    }
    if (isTagElement(el)) return { ...el, children: mapLiterals(el.children, f) };
    return el;
  });
}

/** The characters of a message's words (its literal text, in every branch). */
const wordLength = (elements: MessageFormatElement[]): number =>
  elements.reduce((n, el) => {
    if (isLiteralElement(el)) return n + el.value.length;
    if (isPluralElement(el) || isSelectElement(el)) return n + Math.max(0, ...Object.values(el.options).map((o) => wordLength(o.value)));
    if (isTagElement(el)) return n + wordLength(el.children);
    return n + 4; // a value: a name, a number
  }, 0);

/** About 40% more characters, as the longest translations run (German, Finnish). */
const padding = (ast: MessageFormatElement[]): string => '·'.repeat(Math.max(1, Math.round(wordLength(ast) * 0.4)));

/**
 * English as text (main, tests) or already parsed (the window's build: scripts/vite-icu-catalogues.ts,
 * which keeps text-only messages as text — the window has no parser, and needs none for them).
 */
export function pseudoMessage(message: string | MessageFormatElement[], locale: PseudoLocale): MessageFormatElement[] {
  const ast = typeof message !== 'string' ? message : isPlainText(message) ? [createLiteralElement(message)] : parse(message);
  if (locale === 'ar-XB') return mapLiterals(ast, (s) => (s.trim() ? `${RLE}${s}${PDF}` : s));
  return [createLiteralElement('['), ...mapLiterals(ast, accent), createLiteralElement(` ${padding(ast)}]`)];
}

/** A pseudo-locale's catalogue, from the English one. */
export function pseudoCatalogue(locale: PseudoLocale): Catalogue {
  const out: Partial<Record<MessageKey, MessageFormatElement[]>> = {};
  const source: Readonly<Record<MessageKey, string | MessageFormatElement[]>> = en;
  for (const key of Object.keys(en) as MessageKey[]) out[key] = pseudoMessage(source[key], locale);
  return out;
}
