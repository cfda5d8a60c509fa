/**
 * The feed store's search text and Snoozed view: results and counts come from the real core (FTS5
 * search, snooze columns); snoozing is optimistic like the review actions; and a request made for an
 * older query or view never touches the one the person is looking at now (the same guard as the
 * provider and confidence filters in feed-stale.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addSuggestion, emailItem } from '../helpers/seed';
import { createFeedHarness, type FeedHarness } from './feed-harness';
import { PENDING_ORDER, ROWS } from './feed-rows';

let h: FeedHarness;
afterEach(() => h.cleanup());

/** Pending rows with a word starting "re" (the word being typed is read as a prefix). */
const STARTING_RE = ['Renew badge', 'Reply to Dana', 'Review PR'];
const sorted = (titles: string[]) => [...titles].sort();
/** The first page of a search for `query` (not the tab count, which asks for one row). */
const headOf = (query: string) => (input: Record<string, unknown>) => input.query === query && input.limit !== 1 && input.cursor === undefined;
/** The first page of the plain feed (no search, not the Snoozed view). */
const plainHead = (input: Record<string, unknown>) => input.query === undefined && input.snoozed === undefined && input.limit !== 1 && input.cursor === undefined;
const nextPage = (input: Record<string, unknown>) => typeof input.cursor === 'string';
/** What the server itself answers for a search, in its order. */
const serverSearch = async (query: string) => (await h.wire.api.suggestionsList({ status: 'pending_approval', query, limit: 50 })).items.map((item) => item.title);

describe('search text in the feed store', () => {
  it('lists only the matches, a search-sized page at a time, with the matched words marked', async () => {
    h = createFeedHarness(ROWS, { searchPage: 2, nextPage: 2 });
    await h.feed.getState().load();
    await h.feed.getState().setFilters({ query: 're' });

    const head = h.wire.calls.filter((call) => call.channel === 'suggestions:list').at(-2)!.input as Record<string, unknown>;
    expect(head).toMatchObject({ status: 'pending_approval', query: 're', limit: 2 });
    expect(h.titles()).toHaveLength(2);
    expect(h.feed.getState()).toMatchObject({ total: 3, otherTotal: 0, countsAtLeast: false, error: null });
    await h.feed.getState().loadMore();
    expect(sorted(h.titles())).toEqual(STARTING_RE);
    expect(h.feed.getState().cursor).toBeNull();
    for (const item of h.feed.getState().items) {
      // The typed prefix is marked at the start of the matching title word.
      expect(item.highlights?.title).toEqual([{ start: 0, end: item.title.split(' ')[0]!.length }]);
    }
  });

  it('a new query puts triage at the top with nothing selected; clearing it brings back the feed order', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(4);
    h.triage.getState().toggleSelected(h.id('Pay vendor'));

    await h.feed.getState().setFilters({ query: 'invoice' });
    expect(h.titles()).toEqual(['Check invoice']);
    expect(h.triage.getState()).toMatchObject({ activeIndex: 0, selected: new Set() });

    await h.feed.getState().setFilters({ query: '' });
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.feed.getState().items.every((item) => item.highlights === undefined)).toBe(true);
  });

  it('a refresh under a query asks for the search again instead of merging by feed order', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().setFilters({ query: 're' });
    // A new match arrives (a sync); for a ranked list the server's order is the truth, whatever it ranks.
    const gmail = h.core.repos.integrations.list().find((row) => row.provider === 'gmail')!.id;
    const item = emailItem('m-new', { name: 'Kim Park', address: 'kim@example.com' }, 'Reserve room', 'Could you reserve the room?', new Date('2026-03-02T10:00:00Z').toISOString());
    addSuggestion(h.core.repos, gmail, item, { title: 'Reserve room', priority: 'medium', confidence: 0.5, reasoning: 'A direct request.' });

    await h.feed.getState().refreshHead();
    expect(h.feed.getState().change).toEqual({ kind: 'loaded' });
    expect(h.titles()).toEqual(await serverSearch('re'));
    expect(sorted(h.titles())).toEqual(sorted([...STARTING_RE, 'Reserve room']));
    expect(h.feed.getState().total).toBe(4);
  });
});

describe('snooze in the feed store', () => {
  it('the row leaves at once, the Snoozed view lists and counts it, and ending the snooze brings it back', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(2);
    const held = h.wire.hold('suggestions:snooze');

    const snoozing = h.feed.getState().snooze(h.id('Reply to Dana'), 'next_week');
    await held.arrived;
    expect(h.titles()).not.toContain('Reply to Dana');
    expect(h.activeTitle()).toBe('Sign contract');
    held.answer();
    expect((await snoozing).snoozedUntil).not.toBeNull();

    await h.feed.getState().refreshHead();
    expect(h.titles()).toEqual(PENDING_ORDER.filter((title) => title !== 'Reply to Dana'));
    expect(h.feed.getState()).toMatchObject({ total: 8, snoozedTotal: 1 });

    await h.feed.getState().setFilters({ view: 'snoozed' });
    expect(h.titles()).toEqual(['Reply to Dana']);
    expect(h.feed.getState()).toMatchObject({ total: 1, otherTotal: 8, snoozedTotal: 1 });

    await h.feed.getState().snooze(h.id('Reply to Dana'), null);
    expect(h.titles()).toEqual([]);
    await h.feed.getState().setFilters({ view: 'pending_approval' });
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.feed.getState().snoozedTotal).toBe(0);
  });

  it('a snooze that fails on the wire puts the row back where it was, active, and nothing is snoozed', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(4);
    const held = h.wire.hold('suggestions:snooze');

    const snoozing = h.feed.getState().snooze(h.id('Review PR'), 'tomorrow_morning');
    await held.arrived;
    expect(h.titles()).not.toContain('Review PR');
    held.fail('The app is not reachable.');
    await expect(snoozing).rejects.toThrow('The app is not reachable.');

    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Review PR');
    expect(h.core.repos.suggestions.get(h.id('Review PR'))?.snoozedUntil).toBeNull();
  });

  it('a snooze the core refuses (a time in the past) rolls back the same way', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    const snoozing = h.feed.getState().snooze(h.id('Pay vendor'), '2000-01-01T00:00:00Z');
    await expect(snoozing).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_input' });
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Pay vendor');
  });

  it('a failed snooze in search results asks for the search again (a ranked list has no local place for the row)', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().setFilters({ query: 're' });
    const before = h.titles();
    const held = h.wire.hold('suggestions:snooze');
    const snoozing = h.feed.getState().snooze(h.id('Review PR'), 'next_week');
    await held.arrived;
    expect(h.titles()).toEqual(before.filter((title) => title !== 'Review PR'));

    const callsBefore = h.wire.calls.length;
    held.fail('The app is not reachable.');
    await expect(snoozing).rejects.toThrow('The app is not reachable.');
    // The rollback asked for the search again (instead of placing the row by feed order) ...
    expect(h.wire.calls.slice(callsBefore)).toContainEqual({ channel: 'suggestions:list', input: expect.objectContaining({ query: 're', limit: 50 }) });
    await vi.waitFor(() => expect(h.feed.getState().loading).toBe(false));
    // ... and shows what the server ranks, the row included.
    expect(h.feed.getState().change).toEqual({ kind: 'loaded' });
    expect(h.titles()).toEqual(await serverSearch('re'));
    expect(sorted(h.titles())).toEqual(STARTING_RE);
  });
});

describe('stale-request guard for the search text and the Snoozed view', () => {
  it('a slow first page for an older query, arriving after the newer query’s answer, is ignored', async () => {
    h = createFeedHarness(ROWS);
    const held = h.wire.hold('suggestions:list', headOf('re'));
    const older = h.feed.getState().setFilters({ query: 're' });
    await held.arrived;

    await h.feed.getState().setFilters({ query: 'invoice' });
    expect(h.titles()).toEqual(['Check invoice']);

    held.answer();
    await older;
    expect(h.titles()).toEqual(['Check invoice']);
    expect(h.feed.getState()).toMatchObject({ total: 1, loading: false, error: null, filters: { query: 'invoice' } });
  });

  it('a failed first page for an older query sets no error on the newer one', async () => {
    h = createFeedHarness(ROWS);
    const held = h.wire.hold('suggestions:list', headOf('re'));
    const older = h.feed.getState().setFilters({ query: 're' });
    await held.arrived;
    await h.feed.getState().setFilters({ query: 'slides' });

    held.fail('The app is not reachable.');
    await older;
    expect(h.feed.getState()).toMatchObject({ error: null, loading: false });
    expect(h.titles()).toEqual(['Send slides']);
  });

  it('a late next page of an older query is not added to the newer one', async () => {
    h = createFeedHarness(ROWS, { searchPage: 2, nextPage: 2 });
    await h.feed.getState().setFilters({ query: 're' });
    const held = h.wire.hold('suggestions:list', nextPage);
    const olderMore = h.feed.getState().loadMore();
    await held.arrived;
    await h.feed.getState().setFilters({ query: 'invoice' });

    held.answer();
    await olderMore;
    expect(h.titles()).toEqual(['Check invoice']);
    expect(h.feed.getState()).toMatchObject({ total: 1, cursor: null, loadingMore: false });
  });

  it('a late refresh of the plain feed is not merged into a search started meanwhile', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', plainHead);
    const olderRefresh = h.feed.getState().refreshHead();
    await held.arrived;
    await h.feed.getState().setFilters({ query: 'invoice' });

    held.answer();
    await olderRefresh;
    expect(h.titles()).toEqual(['Check invoice']);
    expect(h.feed.getState().total).toBe(1);
  });

  it('a slow page of the feed, arriving after the switch to the Snoozed view, is ignored', async () => {
    h = createFeedHarness(ROWS);
    await h.wire.api.suggestionsSnooze({ id: h.id('Book room'), until: 'next_week' });
    const held = h.wire.hold('suggestions:list', plainHead);
    const olderLoad = h.feed.getState().load();
    await held.arrived;

    await h.feed.getState().setFilters({ view: 'snoozed' });
    expect(h.titles()).toEqual(['Book room']);
    held.answer();
    await olderLoad;
    expect(h.titles()).toEqual(['Book room']);
    expect(h.feed.getState()).toMatchObject({ total: 1, loading: false, error: null, filters: { view: 'snoozed' } });
  });

  it('a failure that belongs to the current search is shown', async () => {
    h = createFeedHarness(ROWS);
    const held = h.wire.hold('suggestions:list', headOf('re'));
    const loading = h.feed.getState().setFilters({ query: 're' });
    await held.arrived;
    held.fail('The app is not reachable.');
    await loading;
    expect(h.feed.getState()).toMatchObject({ error: 'The app is not reachable.', loading: false });
  });
});
