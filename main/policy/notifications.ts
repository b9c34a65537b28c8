/**
 * Desktop notifications when an account goes from working to needing login: one per transition,
 * not one per refresh. A login that stays broken is not announced again; one that recovers and
 * breaks again is.
 */
import type { AccountsView, AttentionItem } from '../../preload/contract/views.ts';
import { t } from '../core/i18n.ts';
import { nameWithDetail } from '../../preload/contract/identity.ts';

export interface AttentionNotice {
  key: string;
  title: string;
  body: string;
  item: AttentionItem;
}

const keyOf = (a: AttentionItem): string => `${a.bridgeID}/${a.loginID ?? a.accountID ?? ''}`;

export class AttentionTracker {
  private known: Set<string> | null = null;

  /**
   * Feeds a fresh accounts view; returns the notifications to show. The first view only sets the
   * baseline: accounts already broken at start-up are shown in the window, not as notifications.
   */
  update(view: AccountsView, enabled: boolean): AttentionNotice[] {
    if (!view.lastRefreshedAt || view.error) return []; // stale or failed data tells nothing new
    const current = new Map(view.needsAttention.map((a) => [keyOf(a), a]));
    const previous = this.known;
    this.known = new Set(current.keys());
    if (previous === null || !enabled) return [];
    const notices: AttentionNotice[] = [];
    for (const [key, item] of current) {
      if (previous.has(key)) continue;
      notices.push({
        key,
        title: t('notify.title', { network: item.bridgeName }),
        body: t('notify.body', { who: nameWithDetail(item.identity, t), why: item.message }),
        item,
      });
    }
    return notices;
  }
}
