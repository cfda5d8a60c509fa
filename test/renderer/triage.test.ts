/** Triage state over a real feed: the active row, the selection, focus requests and the one next-page rule. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PREFETCH_ROWS } from '../../src/renderer/src/stores/triage-store';
import { createFeedHarness, type FeedHarness, type SeedRow } from './feed-harness';
import { PENDING_ORDER, ROWS } from './feed-rows';

let h: FeedHarness;
afterEach(() => h.cleanup());

const pageCalls = () => h.wire.calls.filter((call) => call.channel === 'suggestions:list' && typeof (call.input as { cursor?: unknown }).cursor === 'string').length;

describe('triage', () => {
  it('asks for the next page by one rule, whether a row is shown (scrolling) or becomes active (j)', async () => {
    const many: SeedRow[] = Array.from({ length: 130 }, (_, index) => ({ title: `Row ${index}`, confidence: 0.5 + index / 1000 }));
    h = createFeedHarness(many, { firstPage: 60, nextPage: 60 });
    await h.feed.getState().load();
    const edge = 60 - PREFETCH_ROWS; // rows after this index are "near the end"

    h.triage.getState().reached(edge);
    h.triage.getState().setActive(edge - 1);
    h.triage.getState().move(1);
    expect(h.triage.getState().activeIndex).toBe(edge);
    expect(pageCalls()).toBe(0);

    h.triage.getState().move(1); // j onto the first row near the end
    expect(pageCalls()).toBe(1);
    await vi.waitFor(() => expect(h.feed.getState().items).toHaveLength(120));

    h.triage.getState().reached(120 - PREFETCH_ROWS); // the last visible row, while scrolling
    expect(pageCalls()).toBe(1);
    h.triage.getState().reached(120 - PREFETCH_ROWS + 1);
    expect(pageCalls()).toBe(2);
    await vi.waitFor(() => expect(h.feed.getState().items).toHaveLength(130));
    expect(h.feed.getState().cursor).toBeNull();
    h.triage.getState().reached(129);
    expect(pageCalls()).toBe(2);
  });

  it('j and k stop at both ends and every move asks the active row to take focus', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    const start = h.triage.getState().focusToken;
    h.triage.getState().move(-1);
    expect(h.activeTitle()).toBe(PENDING_ORDER[0]);
    h.triage.getState().move(100);
    expect(h.activeTitle()).toBe(PENDING_ORDER.at(-1));
    h.triage.getState().setActive(2);
    expect(h.triage.getState().focusToken).toBe(start + 2); // a click (setActive without focus) asks for none
  });

  it('when rows leave, the next row becomes active without a focus request, and the selection drops them', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(3); // Sign contract
    ['Call Lee', 'Sign contract', 'Pay vendor'].forEach((title) => h.triage.getState().toggleSelected(h.id(title)));
    const focus = h.triage.getState().focusToken;

    await h.feed.getState().dismissIds([h.id('Call Lee'), h.id('Sign contract')]);
    expect(h.activeTitle()).toBe('Review PR');
    expect([...h.triage.getState().selected]).toEqual([h.id('Pay vendor')]);
    expect(h.triage.getState().targetIds()).toEqual([h.id('Pay vendor')]);
    expect(h.triage.getState().focusToken).toBe(focus);

    h.triage.getState().clearSelection();
    expect(h.triage.getState().targetIds()).toEqual([h.id('Review PR')]);
  });

  it('removing the last rows keeps the active row on the new last one', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(8);
    await h.feed.getState().dismiss(h.id('Send slides'));
    expect(h.activeTitle()).toBe('Book room');
  });

  it('new filters start triage at the top with nothing selected', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(4);
    h.triage.getState().toggleSelected(h.id('Review PR'));
    await h.feed.getState().setFilters({ provider: 'slack' });
    expect(h.triage.getState().activeIndex).toBe(0);
    expect(h.activeTitle()).toBe('Call Lee');
    expect(h.triage.getState().selected.size).toBe(0);
  });
});
