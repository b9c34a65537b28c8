import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(path.resolve(import.meta.dirname, '../../../renderer/src/styles.css'), 'utf8');

describe('styles.css', () => {
  it('lays out by start and end, never left and right, so a right-to-left language mirrors it', () => {
    const physical = css.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').filter((line) => /(^|\s)(left|right)\s*:|-(left|right)(-\w+)?\s*:|text-align:\s*(left|right)/.test(line));
    expect(physical).toEqual([]);
  });
});
