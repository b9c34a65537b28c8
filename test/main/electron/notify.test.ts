/** main/electron/notify.ts, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { showAttentionNotices } = await import('../../../main/electron/notify.ts');

beforeEach(() => fake.resetFakes());

describe('notifications', () => {
  it('shows one notification per notice and opens the reconnect flow on click', () => {
    const clicked: string[] = [];
    const notice = { key: 'k', title: 'Telegram needs you to log in again', body: 'Alex', item: {} as never };
    expect(showAttentionNotices([notice], (n) => clicked.push(n.key))).toBe(1);
    expect(fake.Notification.shown.map((n) => n.options.title)).toEqual(['Telegram needs you to log in again']);
    fake.Notification.shown[0]!.emit('click');
    expect(clicked).toEqual(['k']);
    fake.Notification.supported = false;
    expect(showAttentionNotices([notice], () => undefined)).toBe(0);
  });
});
