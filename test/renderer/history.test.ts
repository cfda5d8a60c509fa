/** History through the real handlers: the Approved and Dismissed views, searched by sender through the full-text query, Restore, the tab counts. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeedHarness, type FeedHarness } from './feed-harness';

let h: FeedHarness;
afterEach(async () => h.cleanup());

const ROWS = [
  { title: 'Send slides', confidence: 0.9, status: 'dismissed' as const },
  { title: 'Answer Sam', confidence: 0.8, provider: 'slack' as const, status: 'dismissed' as const },
  { title: 'Book room', confidence: 0.7, status: 'approved' as const },
  { title: 'Review PR', confidence: 0.6 },
];

describe('History views', () => {
  it('shows a view with every tab count, narrows it by sender address or name (the full-text query indexes both), and Restore sends a row back for review', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().setFilters({ view: 'dismissed' });
    expect(h.titles()).toEqual(['Send slides', 'Answer Sam']);
    expect(h.feed.getState().counts).toEqual({ pending_approval: 1, approved: 1, dismissed: 2, auto_approved: 0 });
    expect(h.feed.getState().snoozedTotal).toBe(0);

    // Gmail rows come from dana@example.com, Slack ones from "Sam Ortiz".
    await h.feed.getState().setFilters({ query: 'DANA@' });
    expect(h.titles()).toEqual(['Send slides']);
    await h.feed.getState().setFilters({ query: 'ortiz' });
    expect(h.titles()).toEqual(['Answer Sam']);
    expect(h.feed.getState().counts.dismissed).toBe(1);

    // A search result list is ranked, so the restored row leaves it by the first page loading again.
    await h.feed.getState().restore([h.id('Answer Sam')]);
    await vi.waitFor(() => expect(h.titles()).toEqual([]));
    await vi.waitFor(() => expect(h.feed.getState().loading).toBe(false));
    await h.feed.getState().setFilters({ view: 'pending_approval', query: '' });
    expect(h.titles()).toEqual(['Answer Sam', 'Review PR']);
  });
});
