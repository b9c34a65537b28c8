import { describe, expect, it } from 'vitest';
import { formatPhone, loadPhoneFormat } from '../../../../main/core/accounts/phone-format.ts';

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
  });

  it('what is no possible number stays as the server sent it', () => {
    expect(formatPhone('+1 2', 'US')).toBe('+1 2');
    expect(formatPhone('alex@example.com', 'US')).toBe('alex@example.com');
    expect(formatPhone('', 'US')).toBe('');
  });
});
