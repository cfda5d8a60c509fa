/**
 * The cheap first pass before any engine: bulk and automated mail, promotions/social categories,
 * no-reply senders, the person's own messages. Runs on Gmail metadata (before fetching bodies) and
 * again on every item, whatever its provider.
 */
import type { ProviderItem } from './provider-item';

/** What the bulk-mail rules read: available from Gmail metadata and from any EmailItem. */
export interface MailHeaderView {
  fromAddress: string;
  labels: readonly string[];
  listUnsubscribe: string | null;
  precedence: string | null;
  autoSubmitted: string | null;
  /** RFC 2369 List-Post: present (and not "NO") on discussion lists, where people write to each other. */
  listPost?: string | null;
}

/** True for a discussion list's message: members post to it, so it may ask someone something. */
export function isDiscussionList(listPost: string | null | undefined): boolean {
  // "mailto:" anywhere is enough: an optional "<" and spaces before it add nothing to a test, and
  // would make every start position scan the run of spaces (test/unit/redos.test.ts).
  return /mailto:/i.test((listPost ?? '').slice(0, 500));
}

const NO_REPLY = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|donotreply|mailer-daemon|postmaster|bounces?|notifications?-?noreply)([+-].*)?$/i;
const SKIPPED_CATEGORIES: Record<string, string> = {
  CATEGORY_PROMOTIONS: 'in the Promotions category',
  CATEGORY_SOCIAL: 'in the Social category',
};

/** Why a message is bulk or automated mail, or null when it may be a real request. */
export function bulkMailReason(view: MailHeaderView): string | null {
  for (const label of view.labels) {
    const reason = SKIPPED_CATEGORIES[label];
    if (reason) return reason;
  }
  // A discussion list carries List-Unsubscribe and "Precedence: list" too, but its messages are
  // written by people, sometimes to the person: the engine judges who is addressed.
  const discussion = isDiscussionList(view.listPost);
  if (view.listUnsubscribe && !discussion) return 'a mailing list (List-Unsubscribe)';
  const precedence = view.precedence?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || (precedence === 'list' && !discussion)) return `bulk mail (Precedence: ${precedence})`;
  const auto = view.autoSubmitted?.trim().toLowerCase();
  if (auto && auto !== 'no') return `an automatic message (Auto-Submitted: ${auto})`;
  const local = view.fromAddress.split('@')[0] ?? '';
  if (NO_REPLY.test(local)) return 'from a no-reply address';
  return null;
}

function isSelf(address: string, selfAddresses: readonly string[]): boolean {
  const normalised = address.trim().toLowerCase();
  return selfAddresses.some((self) => self.trim().toLowerCase() === normalised);
}

/** Why an item needs no engine at all, or null. */
export function prefilterReason(item: ProviderItem, selfAddresses: readonly string[]): string | null {
  switch (item.type) {
    case 'email': {
      if (isSelf(item.from.address, selfAddresses)) return 'sent by you';
      return bulkMailReason({ fromAddress: item.from.address, labels: item.labels, ...item.headers });
    }
    case 'calendar_event':
      if (item.status === 'cancelled') return 'the event was cancelled';
      if (item.selfResponse === 'declined') return 'you declined the event';
      return null;
    case 'slack_message':
      return null;
  }
}
