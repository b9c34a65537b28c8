import { describe, expect, it } from 'vitest';
import { nameWithDetail } from '../../../preload/contract/identity.ts';
import { english } from '../../support/i18n.ts';

describe('nameWithDetail', () => {
  it('the name, with its number or handle when there is one', () => {
    expect(nameWithDetail({ name: 'Alex', detail: '+1 201 555 0101' }, english.t)).toBe('Alex · +1 201 555 0101');
    expect(nameWithDetail({ name: 'Alex', detail: null }, english.t)).toBe('Alex');
  });
});
