/** Optimistic review actions: the rows leave at once and come back, in place, when the call fails. */
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedHarness, type FeedHarness } from './feed-harness';
import { PENDING_ORDER, ROWS } from './feed-rows';

let h: FeedHarness;
afterEach(() => h.cleanup());

/** Tasks on the server (the seed's auto-approved row brought one). */
const taskTitles = () => h.core.repos.tasks.list().map((task) => task.title);
const pendingOnServer = async () => (await h.wire.api.suggestionsList({ status: 'pending_approval', limit: 50 })).items.map((item) => item.title);

describe('rollback after a failed optimistic action', () => {
  it('an approve that fails on the wire puts the row back where it was, active, and nothing changed on the server', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(2);
    const held = h.wire.hold('suggestions:approve');

    const approving = h.feed.getState().approve(h.id('Reply to Dana'));
    await held.arrived;
    // While the call is out, the row is already gone and the next one is active.
    expect(h.titles()).not.toContain('Reply to Dana');
    expect(h.activeTitle()).toBe('Sign contract');
    expect(h.feed.getState().total).toBe(8);

    held.fail('Gmail is not reachable.');
    await expect(approving).rejects.toThrow('Gmail is not reachable.');
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Reply to Dana');
    expect(h.feed.getState().total).toBe(9);
    expect(await pendingOnServer()).toEqual(PENDING_ORDER);
    expect(taskTitles()).toEqual(['Archive old thread']);
  });

  it('an approve the core refuses (edits that fail validation) rolls back the same way', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    h.triage.getState().setActive(4);
    const approving = h.feed.getState().approve(h.id('Review PR'), { title: '   ' });
    await expect(approving).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_input' });
    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Review PR');
    expect(taskTitles()).toEqual(['Archive old thread']);
  });

  it('a failed dismiss of a selection puts every row back in order, the top-most active', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    const chosen = ['Send slides', 'Check invoice', 'Pay vendor'];
    chosen.forEach((title) => h.triage.getState().toggleSelected(h.id(title)));
    const held = h.wire.hold('suggestions:dismiss-batch');

    const dismissing = h.feed.getState().dismissIds(h.triage.getState().targetIds());
    await held.arrived;
    expect(h.titles()).toEqual(PENDING_ORDER.filter((title) => !chosen.includes(title)));
    held.fail('The app is not reachable.');
    await expect(dismissing).rejects.toThrow('The app is not reachable.');

    expect(h.titles()).toEqual(PENDING_ORDER);
    expect(h.activeTitle()).toBe('Check invoice');
    expect(await pendingOnServer()).toEqual(PENDING_ORDER);
  });

  it('a failed batch approve rolls back; a later one that goes through removes the rows for good', async () => {
    h = createFeedHarness(ROWS);
    await h.feed.getState().load();
    const ids = [h.id('Call Lee'), h.id('Sign contract')];
    const held = h.wire.hold('suggestions:approve-batch');
    const first = h.feed.getState().approveIds(ids);
    await held.arrived;
    held.fail();
    await expect(first).rejects.toThrow();
    expect(h.titles()).toEqual(PENDING_ORDER);

    const tasks = await h.feed.getState().approveIds(ids);
    expect(tasks.map((task) => task.title).sort()).toEqual(['Call Lee', 'Sign contract']);
    expect(h.titles()).toEqual(PENDING_ORDER.filter((title) => title !== 'Call Lee' && title !== 'Sign contract'));
    expect(await pendingOnServer()).toEqual(h.titles());
  });
});
