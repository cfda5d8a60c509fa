/** Feed order through the real handlers: pages, rows put back by Undo, and the debounced head refresh. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addSuggestion, emailItem } from '../helpers/seed';
import { createFeedHarness, type FeedHarness } from './feed-harness';
import { PENDING_ORDER, ROWS } from './feed-rows';

let h: FeedHarness;
afterEach(async () => {
  vi.useRealTimers();
  await h.cleanup();
});

const listCalls = () => h.wire.calls.filter((call) => call.channel === 'suggestions:list').length;

describe('feed order', () => {
  it('pages arrive in the server order (confidence, then newest first on ties) and join without gaps or repeats', async () => {
    h = createFeedHarness(ROWS, { firstPage: 4, nextPage: 2 });
    await h.feed.getState().load();
    expect(h.titles()).toEqual(PENDING_ORDER.slice(0, 4));
    expect(h.feed.getState()).toMatchObject({ total: 9, otherTotal: 1, loaded: true, error: null });
    while (h.feed.getState().cursor !== null) await h.feed.getState().loadMore();
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.feed.getState().tail).toBeNull();
  });

  it('a row put back by Undo returns to its place and becomes the active row with focus', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(3);
    const focusBefore = h.triage.getState().focusToken;

    const task = await h.feed.getState().approve(h.id('Sign contract'));
    expect(task.title).toBe('Sign contract');
    expect(h.titles()).toEqual(PENDING_ORDER.filter((title) => title !== 'Sign contract'));
    expect(h.activeTitle()).toBe('Review PR'); // the row that took its place
    expect(h.feed.getState().total).toBe(8);

    await h.feed.getState().restore([h.id('Sign contract')]);
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Sign contract');
    expect(h.triage.getState().focusToken).toBe(focusBefore + 1);
    expect(h.feed.getState().total).toBe(9);
    expect(h.core.repos.tasks.list().map((entry) => entry.title)).not.toContain('Sign contract');
  });

  it('several rows put back at once land in order, the top-most active', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    const ids = ['Send slides', 'Check invoice', 'Review PR'].map(h.id);
    await h.feed.getState().dismissIds(ids);
    expect(h.titles()).toEqual(PENDING_ORDER.filter((title) => !['Send slides', 'Check invoice', 'Review PR'].includes(title)));

    await h.feed.getState().restore(ids);
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Check invoice');
  });

  it('a row put back below the loaded pages waits for its page instead of jumping the queue', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3, nextPage: 3 });
    await h.feed.getState().load();
    // Dismissed elsewhere (another window), then restored here: it sorts after the loaded tail.
    await h.wire.api.suggestionsDismiss({ id: h.id('Book room') });
    await h.feed.getState().restore([h.id('Book room')]);
    expect(h.titles()).toEqual(PENDING_ORDER.slice(0, 3));
    expect(h.feed.getState().total).toBe(9);

    while (h.feed.getState().cursor !== null) await h.feed.getState().loadMore();
    expect(h.titles()).toEqual(PENDING_ORDER);
  });

  it('a burst of changes refreshes the head once; new rows land in order, loaded pages and the active row stay', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3, nextPage: 2, refreshDelayMs: 50 });
    await h.feed.getState().load();
    await h.feed.getState().loadMore();
    h.triage.getState().setActive(2); // Reply to Dana
    const gmail = h.core.repos.integrations.list().find((row) => row.provider === 'gmail')!.id;
    addSuggestion(h.core.repos, gmail, emailItem('m-new', { name: 'Kim', address: 'kim@example.com' }, 'Approve budget', 'Could you approve the budget?', new Date().toISOString()), {
      title: 'Approve budget', priority: 'high', confidence: 0.95, reasoning: 'A direct request.',
    });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const before = listCalls();
    for (let change = 0; change < 3; change += 1) h.feed.getState().scheduleRefresh();
    await vi.advanceTimersByTimeAsync(49);
    expect(listCalls()).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(h.titles()).toContain('Approve budget'));

    expect(listCalls()).toBe(before + 2); // one head and one count of the other view
    expect(h.titles()).toEqual(['Call Lee', 'Approve budget', ...PENDING_ORDER.slice(1, 5)]);
    expect(h.feed.getState().total).toBe(10);
    expect(h.activeTitle()).toBe('Reply to Dana');
  });
});
