/**
 * The window's language: the translator for the locale main resolved (the setting with the system's
 * languages), read by every component through `useI18n()`. Changing the language re-renders the
 * window in place; nothing typed or opened is lost.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { loadTranslator } from '../../preload/contract/i18n/catalogues.ts';
import type { ResolvedLocale } from '../../preload/contract/i18n/locales.ts';
import type { Translator } from '../../preload/contract/i18n/translator.ts';
import { useApp } from './store.ts';

export const useI18n = (): Translator => useApp((s) => s.translator);

let asked: ResolvedLocale | null = null;

/** Loads the locale's catalogue, then speaks it: the page's `lang` and `dir` follow. Last asked wins. */
export async function speak(resolved: ResolvedLocale): Promise<void> {
  const current = useApp.getState().translator;
  if (current.locale === resolved.locale && current.catalogue === resolved.catalogue) return;
  asked = resolved;
  const next = await loadTranslator(resolved);
  if (asked !== resolved) return;
  document.documentElement.lang = resolved.locale;
  document.documentElement.dir = resolved.dir;
  useApp.setState({ translator: next });
}

/** A message with tags (translator.rich) as React children: each part keyed by its place. */
export const richParts = (parts: ReadonlyArray<ReactNode>): ReactNode[] => parts.map((p, i) => createElement(Fragment, { key: i }, p));
