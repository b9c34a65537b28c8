/**
 * The window's language: the translator for the locale main resolved (the setting with the system's
 * languages), read by every component through `useI18n()`. Changing the language re-renders the
 * window in place; nothing typed or opened is lost.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { translatorLoader } from '../../preload/contract/i18n/catalogues.ts';
import type { ResolvedLocale } from '../../preload/contract/i18n/locales.ts';
import type { Translator } from '../../preload/contract/i18n/translator.ts';
import { laterParts } from './later.ts';
import { useApp } from './store.ts';

export const useI18n = (): Translator => useApp((s) => s.translator);

// Another language falls back to English, and the pseudo-locales are made from it: all of it first.
const load = translatorLoader((resolved) => (resolved.catalogue === 'en' ? Promise.resolve() : laterParts.load()));

/**
 * Loads the locale's catalogue, then speaks it: the page's `lang` and `dir` follow. Last asked wins,
 * even when it is the language already spoken; speaking that again re-renders nothing.
 */
export async function speak(resolved: ResolvedLocale): Promise<void> {
  const next = await load(resolved);
  const current = useApp.getState().translator;
  if (!next || (current.locale === next.locale && current.catalogue === next.catalogue)) return;
  document.documentElement.lang = resolved.locale;
  document.documentElement.dir = resolved.dir;
  useApp.setState({ translator: next });
}

/** A message with tags (translator.rich) as React children: each part keyed by its place. */
export const richParts = (parts: ReadonlyArray<ReactNode>): ReactNode[] => parts.map((p, i) => createElement(Fragment, { key: i }, p));
