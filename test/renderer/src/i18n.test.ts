// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { speak, useI18n } from '../../../renderer/src/i18n.ts';
import { useApp } from '../../../renderer/src/store.ts';
import { englishTranslator } from '../../../preload/contract/i18n/catalogues.ts';

afterEach(() => {
  useApp.setState({ translator: englishTranslator() });
  document.documentElement.lang = '';
  document.documentElement.dir = '';
});

describe('the window’s language', () => {
  it('speaks the locale main resolved: its words, the page’s lang and dir', async () => {
    const { result, rerender } = renderHook(() => useI18n());
    expect(result.current.t('common.cancel')).toBe('Cancel');
    await speak({ locale: 'ar-XB', catalogue: 'ar-XB', dir: 'rtl' });
    rerender();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar-XB');
    await speak({ locale: 'de-AT', catalogue: 'de', dir: 'ltr' });
    rerender();
    expect(result.current.t('common.cancel')).toBe('Abbrechen');
    expect(document.documentElement).toMatchObject({ lang: 'de-AT', dir: 'ltr' });
  });

  it('the last locale asked for wins when two load at once', async () => {
    await Promise.all([speak({ locale: 'de', catalogue: 'de', dir: 'ltr' }), speak({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' })]);
    expect(useApp.getState().translator.catalogue).toBe('en-XA');
  });

  it('asking for the language already spoken, while another loads, still wins; and re-renders nothing', async () => {
    const english = useApp.getState().translator;
    await Promise.all([speak({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' }), speak({ locale: 'en', catalogue: 'en', dir: 'ltr' })]);
    expect(useApp.getState().translator).toBe(english);
    expect(document.documentElement.lang).toBe('');
  });
});
