/**
 * What to tell the person, decided in plain Node (platform/ only renders it): one notification per
 * sync that added suggestions, and one when an account needs reconnecting.
 */
import type { AppNotification } from '../platform-services';

/** Facts about a finished sync. */
export interface SyncNotificationFacts {
  enabled: boolean;
  providerLabel: string;
  account: string | null;
  added: number;
  autoApproved: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The notification for a sync, or null when there is nothing worth interrupting for. */
export function syncNotification(facts: SyncNotificationFacts): AppNotification | null {
  if (!facts.enabled || facts.added <= 0) return null;
  const source = facts.account ? `${facts.providerLabel} (${facts.account})` : facts.providerLabel;
  const auto = facts.autoApproved > 0 ? ` ${plural(facts.autoApproved, 'task')} added automatically.` : '';
  return { title: `${plural(facts.added, 'new suggestion')}`, body: `From ${source}.${auto}`, screen: 'suggestions' };
}

/** The notification when an account's sign-in expired or was revoked (always shown: nothing syncs until fixed). */
export function reconnectNotification(providerLabel: string, account: string | null): AppNotification {
  return {
    title: `Reconnect ${providerLabel}`,
    body: `${account ?? 'The account'} needs you to sign in again; syncing is paused until then.`,
    screen: 'integrations',
  };
}

/** The tray tooltip for a pending count. */
export function trayTooltip(pending: number, paused: boolean): string {
  const base = pending === 0 ? 'Provider Tasks: nothing waiting' : `Provider Tasks: ${plural(pending, 'suggestion')} waiting`;
  return paused ? `${base} (syncing paused)` : base;
}
