import { describe, expect, it } from 'vitest';
import { pseudoCatalogue } from '../../../../preload/contract/i18n/pseudo.ts';
import { createTranslator } from '../../../../preload/contract/i18n/translator.ts';
import { en } from '../../../../preload/contract/i18n/en.ts';

describe('the pseudo-locales', () => {
  const xa = createTranslator({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' }, pseudoCatalogue('en-XA'));
  const xb = createTranslator({ locale: 'ar-XB', catalogue: 'ar-XB', dir: 'rtl' }, pseudoCatalogue('ar-XB'));

  it('en-XA: accented, bracketed, about 40% longer; placeholders and plurals still work', () => {
    const text = xa.t('accounts.needAttention', { count: 2 });
    expect(text).toMatch(/^\[2 àççöûñţš ñééđ àţţéñţíöñ ·+\]$/);
    const plain = en['common.cancel'];
    const out = xa.t('common.cancel');
    expect(out.length).toBeGreaterThanOrEqual(Math.round(plain.length * 1.4));
    expect(xa.t('remove.title', { name: 'Alex' })).toContain('Alex'); // values as given
  });

  it('ar-XB: each run of words set right-to-left, values outside it', () => {
    expect(xb.t('remove.title', { name: 'Alex' })).toBe('\u202BRemove \u202CAlex\u202B?\u202C');
  });
});
