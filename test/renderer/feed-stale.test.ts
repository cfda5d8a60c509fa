/**
 * The stale-request guard: an answer (or failure) to a request made for filters that have since
 * changed must not touch the view the person is looking at now. The failures that do belong to the
 * current view are still shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedHarness, type FeedHarness } from './feed-harness';
import { PENDING_ORDER, ROWS } from './feed-rows';

let h: FeedHarness;
afterEach(() => h.cleanup());

const SLACK = ['Call Lee', 'Review PR'];
const AT_LEAST_70 = PENDING_ORDER.slice(0, 6);
/** The first page of the feed without a provider filter (not the tab count, which asks for one row). */
const headOfAll = (input: Record<string, unknown>) => input.limit === 3 && input.provider === undefined && input.cursor === undefined;
const nextPage = (input: Record<string, unknown>) => typeof input.cursor === 'string';

describe('stale-request guard', () => {
  it('a slow first page for the old filter, arriving after the new filter’s answer, is ignored', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3 });
    const held = h.wire.hold('suggestions:list', headOfAll);
    const oldLoad = h.feed.getState().load();
    await held.arrived;

    await h.feed.getState().setFilters({ provider: 'slack' });
    expect(h.titles()).toEqual(SLACK);

    held.answer();
    await oldLoad;
    expect(h.titles()).toEqual(SLACK);
    expect(h.feed.getState()).toMatchObject({ total: 2, loading: false, error: null, filters: { provider: 'slack' } });
  });

  it('a failed first page for the old filter sets no error on the new view', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3 });
    const held = h.wire.hold('suggestions:list', headOfAll);
    const oldLoad = h.feed.getState().load();
    await held.arrived;
    await h.feed.getState().setFilters({ provider: 'slack' });

    held.fail('The app is not reachable.');
    await oldLoad;
    expect(h.feed.getState().error).toBeNull();
    expect(h.titles()).toEqual(SLACK);
  });

  it('a failure from an old filter’s loadMore sets no error on the new view and does not hold up its pages', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3, nextPage: 2 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', nextPage);
    const oldMore = h.feed.getState().loadMore();
    await held.arrived;

    await h.feed.getState().setFilters({ minConfidence: 0.7 });
    expect(h.titles()).toEqual(AT_LEAST_70.slice(0, 3));
    // The new view pages on while the old page is still out.
    await h.feed.getState().loadMore();
    expect(h.titles()).toEqual(AT_LEAST_70.slice(0, 5));

    held.fail('The app is not reachable.');
    await oldMore;
    expect(h.feed.getState()).toMatchObject({ error: null, loadingMore: false });
    expect(h.titles()).toEqual(AT_LEAST_70.slice(0, 5));
  });

  it('a late page from the old filter is not added to the new view', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3, nextPage: 2 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', nextPage);
    const oldMore = h.feed.getState().loadMore();
    await held.arrived;
    await h.feed.getState().setFilters({ provider: 'slack' });

    held.answer();
    await oldMore;
    expect(h.titles()).toEqual(SLACK);
    expect(h.feed.getState()).toMatchObject({ total: 2, cursor: null, loadingMore: false });
  });

  it('a failed head refresh for the old filter sets no error on the new view', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', headOfAll);
    const oldRefresh = h.feed.getState().refreshHead();
    await held.arrived;
    await h.feed.getState().setFilters({ provider: 'slack' });

    held.fail('The app is not reachable.');
    await oldRefresh;
    expect(h.feed.getState().error).toBeNull();
    expect(h.titles()).toEqual(SLACK);
  });

  it('a late head refresh for the old filter is not merged into the new view', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', headOfAll);
    const oldRefresh = h.feed.getState().refreshHead();
    await held.arrived;
    await h.feed.getState().setFilters({ provider: 'slack' });

    held.answer();
    await oldRefresh;
    expect(h.titles()).toEqual(SLACK);
    expect(h.feed.getState().total).toBe(2);
  });

  it('failures that belong to the current view are shown', async () => {
    h = createFeedHarness(ROWS, { firstPage: 3, nextPage: 2 });
    await h.feed.getState().load();
    const held = h.wire.hold('suggestions:list', nextPage);
    const more = h.feed.getState().loadMore();
    await held.arrived;
    held.fail('The app is not reachable.');
    await more;
    expect(h.feed.getState()).toMatchObject({ error: 'The app is not reachable.', loadingMore: false });
    expect(h.titles()).toEqual(PENDING_ORDER.slice(0, 3));

    // The next page still comes once the connection is back, and clears nothing it should not.
    await h.feed.getState().loadMore();
    expect(h.titles()).toEqual(PENDING_ORDER.slice(0, 5));
  });
});
