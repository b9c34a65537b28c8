import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../../preload/contract/i18n/en.ts';
import { de } from '../../../../preload/contract/i18n/de.ts';

const KEYS = Object.keys(en) as MessageKey[];

describe('the German catalogue', () => {
  it('German has every English key and no other', () => {
    expect(Object.keys(de).sort()).toEqual([...KEYS].sort());
  });

  it('every message parses, and each translation names the same arguments, plurals, selects and tags as English', () => {
    for (const key of KEYS) {
      const source = parse(en[key]);
      const translated = parse(de[key]);
      const same = isStructurallySame(source, translated);
      expect(same.success, `${key}: ${same.success ? '' : String(same.error)}`).toBe(true);
    }
  });

  it('no German message is left in English (names and symbols aside), and none is empty', () => {
    const sameInBoth = KEYS.filter((k) => de[k] === en[k] && /[a-z]{4,} [a-z]{3,}/.test(en[k]));
    expect(sameInBoth).toEqual([]);
    for (const k of KEYS) expect(de[k].trim(), k).not.toBe('');
  });

});
