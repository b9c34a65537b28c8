/** Desktop notifications for accounts that need login; clicking one opens its reconnect flow. */
import { Notification } from 'electron';
import type { Core } from '../core/account-manager.ts';
import { AttentionTracker, type AttentionNotice } from '../policy/notifications.ts';

const live = new Set<Notification>(); // keep references until closed, or clicks are lost to GC

export function showAttentionNotices(notices: AttentionNotice[], onClick: (n: AttentionNotice) => void): number {
  if (!Notification.isSupported()) return 0;
  for (const n of notices) {
    const notification = new Notification({ title: n.title, body: n.body });
    live.add(notification);
    notification.on('click', () => onClick(n));
    notification.on('close', () => live.delete(notification));
    notification.show();
  }
  return notices.length;
}

/** One notification per account that goes into "needs login"; clicking it opens its reconnect. */
export function setupNotifications(core: Core, onClick: (n: AttentionNotice) => void): void {
  const attention = new AttentionTracker();
  core.on('state.accounts', (accounts) => showAttentionNotices(attention.update(accounts, core.settings.get('notifications')), onClick));
}
