// Issue 19's "one commitment, one task" against the fake Google: an invitation email (Google's shape:
// text/calendar inside multipart/alternative, plus invite.ics) and the calendar's copy of the event
// become one suggestion listing both sources; approving it makes one task; completing it archives the
// email once; dismissing a merged one dismisses both; unmerge splits a source off and remembers it.
// Everything goes through the real handler map (input validation included), as the renderer calls it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { addInvitedMeeting, addMeetingEvent, meetingStart } from '../helpers/google-invitation';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';
import { wireApi } from '../helpers/wired-api';
import type { Api } from '../../src/shared/ipc-contract';

let google: FakeGoogle;
let t: TestCore;
let api: Api;

async function connect(provider: 'gmail' | 'google_calendar'): Promise<number> {
  const { integrationId, authorizationUrl } = await api.integrationsConnect({ provider });
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await expect.poll(() => t.core.repos.integrations.get(integrationId)?.status, { timeout: 10_000 }).toBe('connected');
  await firstSync(t.core, integrationId);
  return integrationId;
}

const meeting = (eventId: string, title: string, start?: Date) => addInvitedMeeting(google, eventId, title, start);

beforeEach(async () => {
  google = await startFakeGoogle();
  t = createTestCore({ env: { ...google.env }, options: { undoWindowMs: 0 } });
  t.core.settings.update({ autoApproveEnabled: false });
  api = wireApi(t.core.handlers, t.core.events, t.core.logger).api;
});
afterEach(async () => {
  await t.cleanup();
  await google.close();
});

describe('one commitment from Gmail and Calendar', () => {
  it('shows one suggestion with both sources, approves it into one task, and archives the email once when done', async () => {
    const messageId = meeting('kestrelreview01', 'Kestrel roadmap review');
    const gmailId = await connect('gmail');
    await api.integrationsUpdateSettings({ integrationId: gmailId, settings: { archiveOnDone: true } });
    expect((await api.suggestionsList({})).items).toHaveLength(1);
    const calendarId = await connect('google_calendar');

    const feed = (await api.suggestionsList({})).items;
    expect(feed).toHaveLength(1);
    const [suggestion] = feed;
    expect(suggestion!.sources?.map((source) => [source.provider, source.itemType, source.itemId])).toEqual([
      ['gmail', 'email', messageId],
      ['google_calendar', 'calendar_event', 'kestrelreview01'],
    ]);
    expect(suggestion!.sources![0]!.preview).toMatchObject({ kind: 'email' });
    expect(suggestion!.sources![1]!.preview).toMatchObject({ kind: 'calendar_event', title: 'Kestrel roadmap review' });
    expect(suggestion!.sources![1]!.mergeReason).toMatch(/same calendar invitation/);
    // The calendar's own sync made no second suggestion.
    expect(t.core.repos.syncLogs.list(calendarId).at(-1)).toMatchObject({ status: 'succeeded', suggestionsGenerated: 0 });

    const task = await api.suggestionsApprove({ id: suggestion!.id });
    expect((await api.tasksList({})).map((entry) => entry.id)).toEqual([task.id]);
    expect((await api.suggestionsList({})).items).toHaveLength(0);
    // Approving through the calendar's row is the same review: already approved, no second task.
    const eventRow = t.core.repos.suggestions.idForItem(calendarId, 'kestrelreview01')!;
    await expect(api.suggestionsApprove({ id: eventRow })).rejects.toThrow(/already approved/);

    await api.tasksComplete({ id: task.id });
    await t.core.services.outboxWorker.runDue();
    await t.core.services.outboxWorker.runDue();
    expect(google.getMessage(messageId)!.labelIds).not.toContain('INBOX');
    expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
    expect((await api.tasksList({})).map((entry) => entry.status)).toEqual(['done']);
  });

  it('dismissing the merged suggestion dismisses both sources, and a later sync brings neither back', async () => {
    meeting('offsiteplan01', 'Offsite planning');
    const gmailId = await connect('gmail');
    const calendarId = await connect('google_calendar');
    const [suggestion] = (await api.suggestionsList({})).items;
    expect(suggestion!.sources).toHaveLength(2);
    await api.suggestionsDismiss({ id: suggestion!.id });
    await t.core.services.sync.syncIntegration(gmailId);
    await t.core.services.sync.syncIntegration(calendarId);
    expect((await api.suggestionsList({})).items).toHaveLength(0);
    const statuses = t.core.repos.merges.rowsOf(suggestion!.id).map((id) => t.core.repos.suggestions.get(id)!.status);
    expect(statuses).toEqual(['dismissed', 'dismissed']);
  });

  it('unmerge splits the event off into its own suggestion, keeps the task on the email, and remembers it', async () => {
    meeting('boardprep01', 'Board prep');
    await connect('gmail');
    const calendarId = await connect('google_calendar');
    const [merged] = (await api.suggestionsList({})).items;
    const task = await api.suggestionsApprove({ id: merged!.id });
    const eventKey = merged!.sources![1]!.itemKey;

    const { suggestion, split } = await api.suggestionsUnmerge({ id: merged!.id, itemKey: eventKey });
    expect(suggestion).toMatchObject({ id: merged!.id, status: 'approved', taskId: task.id });
    expect(suggestion.sources).toHaveLength(1);
    expect(split).toMatchObject({ integrationId: calendarId, itemId: 'boardprep01', status: 'pending_approval', taskId: null, mergedInto: null });
    expect((await api.suggestionsList({})).items.map((entry) => entry.id)).toEqual([split.id]);
    // The split is remembered: the two rows are refused as one group from now on.
    expect(t.core.repos.merges.refused([merged!.id], [split.id])).toBe(true);

    // Nothing left to split, and a wrong key is a clear error.
    await expect(api.suggestionsUnmerge({ id: split.id, itemKey: split.sources![0]!.itemKey })).rejects.toThrow(/single source/);
    await expect(api.suggestionsUnmerge({ id: merged!.id, itemKey: '9:nope' })).rejects.toThrow(/not found|no longer exists/i);
    // Approving the split event now makes its own, second task.
    const second = await api.suggestionsApprove({ id: split.id });
    expect(second.id).not.toBe(task.id);
  });

  it('keeps another occurrence of the same meeting days later apart: a key links only its own invitation', async () => {
    meeting('weekly01', 'Platform weekly', meetingStart(1));
    addMeetingEvent(google, 'weekly02', 'Platform weekly', meetingStart(5));
    await connect('gmail');
    await connect('google_calendar');
    const feed = (await api.suggestionsList({})).items;
    expect(feed).toHaveLength(2);
    const sourcesOf = feed.map((entry) => (entry.sources ?? []).map((source) => source.itemId).sort());
    expect(sourcesOf).toContainEqual(expect.arrayContaining(['weekly01']));
    expect(sourcesOf.find((ids) => ids.includes('weekly02'))).toEqual(['weekly02']);
  });
});
