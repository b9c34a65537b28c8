import { describe, expect, it, vi } from 'vitest';
import type * as Libphonenumber from 'libphonenumber-js/min';

// The real library, its parser counted.
const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock('libphonenumber-js/min', async (importOriginal) => {
  const real = await importOriginal<typeof Libphonenumber>();
  return { ...real, parsePhoneNumberFromString: (...args: Parameters<typeof real.parsePhoneNumberFromString>) => (parsed.count++, real.parsePhoneNumberFromString(...args)) };
});

const { formatPhone, loadPhoneFormat, KEPT_ANSWERS } = await import('../../../../main/core/accounts/phone-format.ts');

describe('formatPhone', () => {
  it('before the formatter has loaded, a number stays as sent; after, it is written for the region', async () => {
    expect(formatPhone('+12015550142', 'US')).toBe('+12015550142');
    await loadPhoneFormat();
    await loadPhoneFormat(); // once is enough; again changes nothing
    expect(formatPhone('+12015550142', 'US')).toBe('(201) 555-0142');
  });

  it('a number of the user’s own country the national way, any other the international way', () => {
    expect(formatPhone('+12015550142', 'US')).toBe('(201) 555-0142');
    expect(formatPhone('+4915123456789', 'DE')).toBe('01512 3456789');
    expect(formatPhone('+4915123456789', 'US')).toBe('+49 1512 3456789');
    expect(formatPhone('+12015550142', undefined)).toBe('+1 201 555 0142');
    // a number of no country (international freephone) is nobody's own, even with no region known
    expect(formatPhone('+80012345678', undefined)).toBe('+800 1234 5678');
  });

  it('what is no possible number stays as the server sent it', () => {
    expect(formatPhone('+1 2', 'US')).toBe('+1 2');
    expect(formatPhone('alex@example.com', 'US')).toBe('alex@example.com');
    expect(formatPhone('', 'US')).toBe('');
  });
});

describe('formatPhone’s kept answers', () => {
  it('a number is parsed once per region, however often it is worded', async () => {
    await loadPhoneFormat();
    const before = parsed.count;
    for (let i = 0; i < 5; i++) {
      expect(formatPhone('+4930901820', 'DE')).toBe('030 901820');
      expect(formatPhone('+4930901820', 'US')).toBe('+49 30 901820');
      expect(formatPhone('+4930901820', undefined)).toBe('+49 30 901820');
      expect(formatPhone('+1 2', 'DE')).toBe('+1 2');
    }
    expect(parsed.count - before).toBe(4);
  });

  it('keeps only the latest answers, the oldest going first', async () => {
    await loadPhoneFormat();
    const number = (i: number): string => `+1201555${String(i).padStart(4, '0')}`;
    formatPhone(number(0), 'CA');
    for (let i = 1; i <= KEPT_ANSWERS; i++) formatPhone(number(i), 'CA');
    const before = parsed.count;
    expect(formatPhone(number(KEPT_ANSWERS), 'CA')).toBe('+1 201 555 2000'); // kept
    expect(parsed.count).toBe(before);
    expect(formatPhone(number(0), 'CA')).toBe('+1 201 555 0000'); // gone: parsed again
    expect(parsed.count).toBe(before + 1);
  });
});
