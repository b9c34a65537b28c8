import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../../preload/contract/i18n/en.ts';

describe('the English catalogue', () => {
  it('every message is valid ICU MessageFormat, with keys named area.thing', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(() => parse(en[key]), key).not.toThrow();
      expect(key).toMatch(/^[a-z]+\.[\w-]+$/);
    }
  });
});
