// Google Tasks two-way against the fake Google through @googleapis/tasks: approved and auto-approved
// tasks pushed through the outbox (title, notes with a link back, due date), completions, edits and deletions
// pulled back with last-writer-wins and no echo, at-most-once pushes across failures and crashes,
// and rate limits handled like Gmail's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskDto } from '../../src/shared/models';
import type { EngineQuality } from '../../src/main/ai/quality';
import { composeNotes, descriptionOf, markerOf } from '../../src/main/providers/google-tasks/task-notes';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let google: FakeGoogle;
let t: TestCore;
let gmailId: number;
let tasksId: number;
let messageId: string;

// The offline engine as if it had earned auto-approve on held-out email from 0.5 up (auto-approve
// itself stays off unless a test turns it on), so what the gate does here is the person's alone.
const earned: EngineQuality = {
  engine: 'offline-v1',
  measuredOn: 'a test table',
  measuredAt: '2026-12-03',
  command: 'none',
  kinds: { email: { count: 100, balancedAccuracy: 1, f1: 1, ece: 0, autoApprove: [{ threshold: 0.5, count: 50, precision: 1 }] } },
};

beforeEach(async () => {
  google = await startFakeGoogle();
  t = createTestCore({ env: { ...google.env, TZ_OVERRIDE: 'Europe/Paris' }, options: { undoWindowMs: 0, quality: (engine) => (engine === earned.engine ? earned : null) } });
  t.core.settings.update({ autoApproveEnabled: false, timeZone: 'Europe/Paris' });
  messageId = google.addMessage({ from: 'Dana <dana@example.com>', to: google.account.email, subject: 'Contract', text: 'Hi,\n\nCould you sign the contract and send it back by Friday?\n\nThanks,\nDana' });
  const result = await t.core.services.connections.connect({ provider: 'google', options: { services: ['gmail', 'google_tasks'] } });
  await visitAuthorizationUrl(result.authorizationUrl!, { follow: true });
  [gmailId, tasksId] = result.integrationIds as [number, number];
  await expect.poll(() => t.core.repos.integrations.get(tasksId)?.status, { timeout: 10_000 }).toBe('connected');
  await firstSync(t.core, gmailId);
  await firstSync(t.core, tasksId);
  t.core.services.integrations.updateSettings(gmailId, { archiveOnDone: true });
});
afterEach(async () => {
  await t.cleanup();
  await google.close();
});

const remoteTasks = () => google.tasks.all().filter((task) => !task.deleted);
const local = (id: number) => t.core.services.tasks.list().find((task) => task.id === id);
const pull = () => t.core.services.sync.syncIntegration(tasksId, 'manual');
const drain = () => t.core.services.outboxWorker.runDue();
const mirrorRows = () => t.core.repos.outbox.list().filter((row) => row.kind.startsWith('tasks_'));
const wait = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Approves the one suggestion and lets the outbox push it. */
async function approveAndPush(): Promise<TaskDto> {
  const [suggestion] = t.core.services.suggestions.list().items;
  const task = t.core.services.suggestions.approve(suggestion!.id, { dueAt: '2030-05-03T22:30:00.000Z' });
  await drain();
  return task;
}

describe('pushing approved tasks', () => {
  it('creates one task in the chosen list with title, notes linking back, and the due date of the person\'s day', async () => {
    const task = await approveAndPush();
    const [remote] = remoteTasks();
    expect(remoteTasks()).toHaveLength(1);
    expect(remote).toMatchObject({ title: task.title, status: 'needsAction', due: '2030-05-04T00:00:00.000Z' });
    const notes = remote!.notes as string;
    expect(notes).toContain(`Source: https://mail.google.com/`);
    expect(markerOf(notes)).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
    expect(descriptionOf(notes)).toBe(task.description.trim());
    expect(t.core.repos.taskLinks.forTask(task.id)).toEqual([expect.objectContaining({ integrationId: tasksId, remoteId: remote!.id, etag: remote!.etag })]);
    await drain();
    expect(google.callCount('tasks.tasks.insert')).toBe(1);
    expect(mirrorRows().map((row) => [row.kind, row.state])).toEqual([['tasks_insert', 'done']]);
  });

  it('goes to the list the person picked', async () => {
    const lists = await t.core.services.accounts.taskLists(tasksId);
    expect(lists.map((list) => list.title)).toEqual(['My Tasks']);
    const work = google.tasks.addList('Work');
    expect((await t.core.services.accounts.taskLists(tasksId)).map((list) => list.id)).toContain(work);
    t.core.services.integrations.updateSettings(tasksId, { taskListId: work });
    await approveAndPush();
    expect(google.tasks.all(work)).toHaveLength(1);
    expect(remoteTasks()).toHaveLength(0);
  });

  it('an undo before the push runs sends nothing; a manual task is not pushed', async () => {
    const [suggestion] = t.core.services.suggestions.list().items;
    t.core.services.suggestions.approve(suggestion!.id);
    t.core.services.suggestions.restore(suggestion!.id);
    t.core.services.tasks.create({ title: 'Buy milk' });
    await drain();
    expect(google.callCount('tasks.tasks.insert')).toBe(0);
    expect(mirrorRows().map((row) => row.state)).toEqual(['cancelled']);
  });

  it('a 429 with Retry-After is waited out; the task is created once', async () => {
    google.injectFault('tasks.tasks.insert', { status: 429, retryAfterSeconds: 1 });
    await approveAndPush();
    expect(google.callCount('tasks.tasks.insert')).toBe(2);
    expect(remoteTasks()).toHaveLength(1);
  });

  it('after a server error the retry first checks whether the insert happened, and inserts only when it did not', async () => {
    google.injectFault('tasks.tasks.insert', { status: 500 });
    await approveAndPush();
    const [row] = mirrorRows();
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    t.core.repos.db.prepare(`UPDATE outbox SET not_before = ? WHERE id = ?`).run(new Date(0).toISOString(), row!.id);
    google.resetCounters();
    await drain();
    const order = google.requestLog.filter((entry) => entry.route.startsWith('tasks.')).map((entry) => entry.route);
    expect(order).toEqual(['tasks.tasks.list', 'tasks.tasks.insert']);
    expect(remoteTasks()).toHaveLength(1);
  });

  it('after a crash between the insert and its record, the marker finds the task: no duplicate, the link is kept', async () => {
    const [suggestion] = t.core.services.suggestions.list().items;
    const task = t.core.services.suggestions.approve(suggestion!.id);
    const [row] = mirrorRows();
    // The insert reached Google, then the app died before recording it: the row is left running.
    google.tasks.add({ title: task.title, notes: composeNotes(task.description, null, row!.target.marker!) });
    expect(t.core.repos.outbox.claim(row!.id)).toBe(true);
    await drain();
    expect(google.callCount('tasks.tasks.insert')).toBe(0);
    expect(remoteTasks()).toHaveLength(1);
    expect(t.core.repos.taskLinks.forTask(task.id)).toHaveLength(1);
    expect(t.core.repos.outbox.get(row!.id)!.state).toBe('done');
  });
});

describe('auto-approved tasks', () => {
  // Auto-approve trusts known correspondents only: the person wrote to these senders (sent mail).
  const wroteTo = (...to: string[]) => google.addMessage({ from: `Pat <${google.account.email}>`, to: to.join(', '), subject: 'Hello', text: 'See you soon.', labelIds: ['SENT'] });

  it('are pushed like approved ones, as the one auto-approve decision made them; an undone one goes there too and raises the person\'s threshold', async () => {
    t.core.settings.update({ autoApproveEnabled: true, autoApproveThreshold: 0.5 });
    wroteTo('ann@acme.example', 'sam@acme.example');
    const ask = (from: string) => ({ from, to: google.account.email, subject: 'Lease', text: 'Hi,\n\nCould you send me the signed lease by Friday?\n\nThanks' });
    google.addMessage(ask('Ann <ann@acme.example>'));
    expect(await t.core.services.sync.syncIntegration(gmailId, 'manual')).toMatchObject({ autoApproved: 1 });
    const [auto] = t.core.services.suggestions.list({ status: 'auto_approved' }).items;
    // Queued in the sync's own transaction, as an approval queues it.
    expect(mirrorRows().map((row) => [row.kind, row.state, row.taskId])).toEqual([['tasks_insert', 'pending', auto!.taskId]]);
    await drain();
    const copy = remoteTasks().find((entry) => entry.title === auto!.title);
    expect(copy).toBeDefined();
    expect(t.core.repos.taskLinks.forTask(auto!.taskId!)).toEqual([expect.objectContaining({ remoteId: copy!.id })]);

    // Undone here: deleted there, and auto-approve now needs more than that confidence from this person.
    t.core.services.tasks.remove(auto!.taskId!);
    await drain();
    expect(google.tasks.get(copy!.id as string)).toMatchObject({ deleted: true });
    expect(t.core.services.learning.status().autoApprove.effectiveThreshold).toBeGreaterThan(auto!.confidence);
    google.addMessage(ask('Sam <sam@acme.example>'));
    expect(await t.core.services.sync.syncIntegration(gmailId, 'manual')).toMatchObject({ suggestionsGenerated: 1, autoApproved: 0 });
    await drain();
    expect(google.callCount('tasks.tasks.insert')).toBe(1);
  });

  it('a request the trust policy holds (a stranger) is no task, so nothing goes to Google Tasks', async () => {
    t.core.settings.update({ autoApproveEnabled: true, autoApproveThreshold: 0.5 });
    google.addMessage({ from: 'Eve <eve@elsewhere.example>', to: google.account.email, subject: 'Lease', text: 'Hi,\n\nCould you send me the signed lease by Friday?\n\nThanks' });
    expect(await t.core.services.sync.syncIntegration(gmailId, 'manual')).toMatchObject({ suggestionsGenerated: 1, autoApproved: 0 });
    const [held] = t.core.services.suggestions.list({ status: 'pending_approval' }).items;
    expect(held!.flags).toContain('held:unknown-sender');
    await drain();
    expect(mirrorRows()).toEqual([]);
    expect(google.callCount('tasks.tasks.insert')).toBe(0);
  });

  it('one deleted in Google Tasks is an undone auto-approval here too: the personal model learns it', async () => {
    t.core.settings.update({ autoApproveEnabled: true, autoApproveThreshold: 0.5 });
    wroteTo('ann@acme.example');
    google.addMessage({ from: 'Ann <ann@acme.example>', to: google.account.email, subject: 'Lease', text: 'Hi,\n\nCould you send me the signed lease by Friday?\n\nThanks' });
    expect(await t.core.services.sync.syncIntegration(gmailId, 'manual')).toMatchObject({ autoApproved: 1 });
    const [auto] = t.core.services.suggestions.list({ status: 'auto_approved' }).items;
    await drain();
    const copy = remoteTasks().find((entry) => entry.title === auto!.title)!;
    const learned = t.core.services.learning.status().personalModel.decisions;
    google.tasks.delete(copy.id as string);
    await pull();
    expect(local(auto!.taskId!)).toBeUndefined();
    expect(t.core.services.learning.status().personalModel.decisions).toBe(learned + 1);
    expect(t.core.services.learning.status().autoApprove.undone).toBe(1);
  });
});

describe('pulling changes back', () => {
  it('a task completed in Google Tasks is done here, and the email is archived once; nothing echoes back', async () => {
    const task = await approveAndPush();
    const [remote] = remoteTasks();
    google.tasks.completeInApp(remote!.id as string);
    const log = await pull();
    expect(log).toMatchObject({ status: 'succeeded', notes: expect.arrayContaining(['From Google Tasks: 1 completed task(s).']) });
    expect(local(task.id)).toMatchObject({ status: 'done' });
    await drain();
    expect(google.getMessage(messageId)!.labelIds).not.toContain('INBOX');
    expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
    expect(google.callCount('tasks.tasks.patch')).toBe(0);
    await pull();
    await drain();
    expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
    expect(google.callCount('tasks.tasks.patch')).toBe(0);
  });

  it('an edit made here is pushed, and the pull after it changes nothing (no echo)', async () => {
    const task = await approveAndPush();
    await wait();
    t.core.services.tasks.update(task.id, { title: 'Sign the contract today', description: 'Call Dana first' });
    await drain();
    const [remote] = remoteTasks();
    expect(remote).toMatchObject({ title: 'Sign the contract today' });
    expect(descriptionOf(remote!.notes as string)).toBe('Call Dana first');
    const before = local(task.id)!;
    await pull();
    expect(local(task.id)).toEqual(before);
    expect(mirrorRows().filter((row) => row.state === 'pending')).toEqual([]);
  });

  it('an edit made in Google Tasks comes here, keeping the time of day when the date did not change', async () => {
    const task = await approveAndPush();
    await wait();
    const [remote] = remoteTasks();
    google.tasks.edit(remote!.id as string, { title: 'Sign it (edited on the phone)', notes: `Bring a pen\n\nSource: x\n[pt:${markerOf(remote!.notes as string)}]` });
    await pull();
    expect(local(task.id)).toMatchObject({ title: 'Sign it (edited on the phone)', description: 'Bring a pen', dueAt: task.dueAt, dueAllDay: false });
    await drain();
    expect(google.callCount('tasks.tasks.patch')).toBe(0);
    google.tasks.edit(remote!.id as string, { due: '2030-05-10T00:00:00.000Z' });
    await pull();
    // A new date from Google (it keeps no time of day) is an all-day due date: 00:00 in the person's zone.
    expect(local(task.id)).toMatchObject({ dueAt: '2030-05-09T22:00:00.000Z', dueAllDay: true });
    // Pushing it back writes the same date, and the pull after it changes nothing.
    await drain();
    expect(remoteTasks()[0]).toMatchObject({ due: '2030-05-10T00:00:00.000Z' });
    google.tasks.edit(remote!.id as string, { due: null });
    await pull();
    expect(local(task.id)).toMatchObject({ dueAt: null, dueAllDay: false });
  });

  it('last writer wins: the later of the two edits stays on both sides', async () => {
    const task = await approveAndPush();
    const [remote] = remoteTasks();
    // Google's edit is older than the local one: the local version goes there.
    google.tasks.edit(remote!.id as string, { title: 'Older, from the phone' });
    await wait(10);
    t.core.services.tasks.update(task.id, { title: 'Newer, from the desktop' });
    await pull();
    await drain();
    expect(local(task.id)!.title).toBe('Newer, from the desktop');
    expect(remoteTasks()[0]).toMatchObject({ title: 'Newer, from the desktop' });

    // The local edit is older than Google's: Google's version comes here, the queued push is dropped.
    t.core.services.tasks.update(task.id, { title: 'Older, from the desktop' });
    await wait(10);
    google.tasks.edit(remote!.id as string, { title: 'Newer, from the phone' });
    await drain();
    expect(remoteTasks()[0]).toMatchObject({ title: 'Newer, from the phone' });
    await pull();
    expect(local(task.id)!.title).toBe('Newer, from the phone');
    await drain();
    expect(remoteTasks()[0]).toMatchObject({ title: 'Newer, from the phone' });
  });

  it('deleting on either side deletes on the other', async () => {
    const first = await approveAndPush();
    const [remote] = remoteTasks();
    google.tasks.delete(remote!.id as string);
    const log = await pull();
    expect(log.notes).toContain('From Google Tasks: 1 deleted task(s).');
    expect(local(first.id)).toBeUndefined();

    const second = t.core.services.tasks.create({ title: 'Manual' });
    expect(second.suggestionId).toBeNull();
    messageId = google.addMessage({ from: 'Sam <sam@example.com>', to: google.account.email, subject: 'Slides', text: 'Can you send me the slides for the board meeting before Monday noon?' });
    await t.core.services.sync.syncIntegration(gmailId, 'manual');
    const task = await approveAndPush();
    const copy = remoteTasks().find((entry) => entry.title === task.title)!;
    t.core.services.tasks.remove(task.id);
    await drain();
    expect(google.tasks.get(copy.id as string)).toMatchObject({ deleted: true });
    expect(google.callCount('tasks.tasks.delete')).toBe(1);
  });

  it('the one-minute change check costs one call and starts a pull only when the list changed', async () => {
    // An empty list read once is marked as read, so the check has something to compare with.
    expect(t.core.repos.integrations.get(tasksId)!.cursor).toEqual({ lists: { '@default': new Date(0).toISOString() } });
    google.resetCounters();
    expect(await t.core.services.scheduler.checkForChanges()).toBe(0);
    expect(google.callCount('tasks.tasks.list')).toBe(1);
    google.tasks.add({ title: 'Added on the phone' });
    expect(await t.core.services.scheduler.checkForChanges()).toBe(1);
    expect(t.core.repos.syncLogs.list(tasksId)[0]).toMatchObject({ trigger: 'change', status: 'succeeded' });
  });

  it('reads only what changed since the last pull (updatedMin), and a rate-limit answer is waited out', async () => {
    await approveAndPush();
    google.tasks.add({ title: 'Not from the app' });
    await pull();
    google.resetCounters();
    google.injectFault('tasks.tasks.list', { status: 403, reason: 'rateLimitExceeded', retryAfterSeconds: 1 });
    const log = await pull();
    expect(log.status).toBe('succeeded');
    const lists = google.requestLog.filter((entry) => entry.route === 'tasks.tasks.list');
    expect(lists).toHaveLength(2);
    expect(lists.every((entry) => entry.path.includes('updatedMin='))).toBe(true);
    // The person's own tasks are left alone.
    expect(t.core.services.tasks.list().map((task) => task.title)).not.toContain('Not from the app');
  });
});
