/** preload/contract/i18n/plain-text.ts: which messages are shown as they are, never parsed. */
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { isPlainText } from '../../../../preload/contract/i18n/plain-text.ts';
import { en } from '../../../../preload/contract/i18n/en.ts';

describe('plain text', () => {
  it('has none of the characters ICU syntax starts with', () => {
    for (const text of ['Skip to content', '', 'Code:', 'Searching…', '“quoted”']) expect(isPlainText(text), text).toBe(true);
    for (const text of ['Hi {name}', 'a } b', 'a <b>tag</b>', "it's"]) expect(isPlainText(text), text).toBe(false);
  });

  it('is, to the parser, one literal of the same text: showing it as it is loses nothing', () => {
    const plain = Object.values(en).filter(isPlainText);
    expect(plain.length).toBeGreaterThan(100);
    for (const text of plain) expect(parse(text), text).toEqual([{ type: 0, value: text }]);
  });
});
