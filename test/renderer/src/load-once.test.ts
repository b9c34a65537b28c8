import { describe, expect, it, vi } from 'vitest';
import { loadOnce } from '../../../renderer/src/load-once.ts';

describe('code loaded on first use', () => {
  it('is asked for once however often it is wanted, and is there after', async () => {
    const load = vi.fn(() => Promise.resolve('logo'));
    const l = loadOnce(load);
    expect(l.value()).toBeUndefined();
    await Promise.all([l.load(), l.load()]);
    expect([l.value(), load.mock.calls.length]).toEqual(['logo', 1]);
    await l.load();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('after a failure, the next one who wants it asks again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue('logo');
    const l = loadOnce(load as () => Promise<string>);
    await expect(l.load()).rejects.toThrow('offline');
    expect(l.value()).toBeUndefined();
    await expect(l.load()).resolves.toBe('logo');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
