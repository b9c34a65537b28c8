import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { pseudoCatalogue, pseudoMessage } from '../../../../preload/contract/i18n/pseudo.ts';
import { createTranslator } from '../../../../preload/contract/i18n/translator.ts';
import { en } from '../../../../preload/contract/i18n/en.ts';

describe('the pseudo-locales', () => {
  const xa = createTranslator({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' }, pseudoCatalogue('en-XA'));
  const xb = createTranslator({ locale: 'ar-XB', catalogue: 'ar-XB', dir: 'rtl' }, pseudoCatalogue('ar-XB'));

  it('en-XA: every letter accented, in brackets, 40% more of the words’ length in dots', () => {
    expect(xa.t('common.cancel')).toBe('[Çàñçéĺ ··]'); // 6 letters: 2 more
    expect(xa.t('remove.title', { name: 'Alex' })).toBe('[Ŕéɱöṽé Alex? ·····]'); // values as given; 8 letters and a value (4): 5 more
  });

  it('en-XA: plurals and selects keep working, padded by their longest branch; tags keep their content, accented', () => {
    // "# accounts need attention": 24 letters and a number (4): 11 more.
    expect(xa.t('accounts.needAttention', { count: 2 })).toBe(`[2 àççöûñţš ñééđ àţţéñţíöñ ${'·'.repeat(11)}]`);
    expect(xa.t('accounts.needAttention', { count: 1 })).toBe(`[1 àççöûñţ ñééđš àţţéñţíöñ ${'·'.repeat(11)}]`);
    const bold = xa.rich<string>('connect.step2', { b: (chunks) => `<${chunks.join('')}>` }).join('');
    expect(bold).toContain('<Šéţţíñĝš → Đéṽéĺöþéŕš>');
  });

  it('the same from English text or English already parsed (the window’s build)', () => {
    const message = en['empty.noMatch'];
    expect(pseudoMessage(parse(message), 'en-XA')).toEqual(pseudoMessage(message, 'en-XA'));
    expect(pseudoMessage(parse(message), 'ar-XB')).toEqual(pseudoMessage(message, 'ar-XB'));
  });

  it('ar-XB: each run of words set right-to-left, values and bare spaces outside it', () => {
    expect(xb.t('remove.title', { name: 'Alex' })).toBe('\u202BRemove \u202CAlex\u202B?\u202C');
    expect(xb.t('tray.loginLine', { mark: '●', network: 'Signal', who: 'Alex' })).toBe('● Signal\u202B: \u202CAlex');
  });
});
