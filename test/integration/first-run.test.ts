// The first-run flow's back end: the bundled samples connected in one call with the offline engine and
// no network, the first run marked done; and the path pickers of both hosts (the desktop app's dialog,
// the headless host's own folder listing), whose choice goes through the provider's checks on connect.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathKind } from '../../src/shared/models';
import { ROOT } from '../helpers/host';
import { tempDir } from '../helpers/temp-db';
import { createTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await t?.cleanup();
  t = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('Try it with sample data', () => {
  it('connects the sample mailbox and calendar, syncs them offline and marks the first run done', async () => {
    t = createTestCore({ env: {}, options: { fetch: (() => Promise.reject(new Error('network used'))) as typeof fetch } });
    t.core.settings.update({ engine: 'offline' });
    expect(t.core.settings.get().firstRunDismissed).toBe(false);
    const result = await t.core.handlers['onboarding:try-sample']({});
    expect(result.integrationIds).toHaveLength(2);
    const integrations = await t.core.handlers['integrations:list']({});
    expect(integrations.map((row) => [row.provider, row.status, row.settings.path])).toEqual([
      ['mail_files', 'connected', join(ROOT, 'resources', 'sample.mbox')],
      ['calendar_files', 'connected', join(ROOT, 'resources', 'sample.ics')],
    ]);
    // Returned after the first syncs: the suggestions are already there, made offline.
    const listed = await t.core.handlers['suggestions:list']({ status: ['pending_approval', 'auto_approved'] });
    expect(listed.total).toBe(result.suggestionsGenerated);
    expect(listed.total).toBeGreaterThanOrEqual(3);
    expect(listed.counts.pending_approval).toBeGreaterThanOrEqual(3);
    expect(listed.items.every((item) => item.model === 'offline-v1')).toBe(true);
    expect(t.core.settings.get().firstRunDismissed).toBe(true);

    // Trying again reuses the same two integrations instead of adding copies.
    await t.core.handlers['onboarding:try-sample']({});
    expect((await t.core.handlers['integrations:list']({})).map((row) => row.id)).toEqual(result.integrationIds);
  });
});

describe('choosing a file', () => {
  function home() {
    const temp = tempDir('pt-home-');
    cleanups.push(temp.cleanup);
    mkdirSync(join(temp.dir, 'Mail', 'eml'), { recursive: true });
    mkdirSync(join(temp.dir, '.thunderbird'));
    writeFileSync(join(temp.dir, 'Mail', 'Inbox'), 'From a@example.com Mon Jan  5 10:00:00 2026\nSubject: hi\n\nhello\n');
    writeFileSync(join(temp.dir, 'Mail', 'eml', 'one.eml'), 'Subject: one\n\nbody\n');
    writeFileSync(join(temp.dir, 'work.ics'), 'BEGIN:VCALENDAR\nEND:VCALENDAR\n');
    writeFileSync(join(temp.dir, 'notes.txt'), 'not a calendar');
    symlinkSync('/etc', join(temp.dir, 'outside'));
    symlinkSync(join(temp.dir, 'Mail'), join(temp.dir, 'mail-link'));
    return temp.dir;
  }

  it('headless: lists folders inside the home folder only, and connect checks the chosen path', async () => {
    const dir = home();
    t = createTestCore({ env: {}, pathPicker: { mode: 'browse', roots: [dir] } });
    const browse = (kind: PathKind, path?: string) => t!.core.handlers['files:browse']({ kind, path });
    const info = await t.core.handlers['app:info']({});
    expect(info.pathPicker).toBe('browse');
    const top = await browse('calendar-file');
    expect(top.parent).toBeNull();
    expect(top.entries.map((entry) => [entry.name, entry.type, entry.selectable, entry.hidden])).toEqual([
      ['.thunderbird', 'folder', false, true],
      ['Mail', 'folder', false, false],
      ['mail-link', 'folder', false, false],
      ['work.ics', 'file', true, false],
    ]);
    const mail = await browse('mail-file', join(dir, 'Mail'));
    expect(mail.parent).toBe(dir);
    expect(mail.entries.map((entry) => [entry.name, entry.selectable])).toEqual([['eml', false], ['Inbox', true]]);
    expect((await browse('mail-folder', join(dir, 'Mail'))).entries.map((entry) => [entry.name, entry.selectable])).toEqual([['eml', true]]);
    await expect(browse('mail-file', '/etc')).rejects.toThrow(/Only folders inside/);
    await expect(browse('mail-file', join(dir, 'outside'))).rejects.toThrow(/Only folders inside/);
    await expect(browse('mail-file', join(dir, 'Mail', '..', '..'))).rejects.toThrow(/Only folders inside/);
    await expect(browse('mail-file', 'Mail')).rejects.toThrow(/full path/);
    await expect(t.core.handlers['dialog:pick-path']({ kind: 'mail-file' })).rejects.toThrow(/no system file dialog/);

    // What the picker offers is what connect accepts; anything else gets the provider's sentence.
    const { integrationId } = await t.core.handlers['integrations:connect']({ provider: 'calendar_files', options: { path: join(dir, 'work.ics') } });
    expect(integrationId).toBeGreaterThan(0);
    await expect(t.core.handlers['integrations:connect']({ provider: 'calendar_files', options: { path: join(dir, 'notes.txt') } })).rejects.toThrow(/not an \.ics calendar file/);
  });

  it('desktop: the system dialog answers the path or null, and the folder listing is refused', async () => {
    const asked: PathKind[] = [];
    const answers = ['/home/pat/Mail/Inbox', null];
    t = createTestCore({ env: {}, pathPicker: { mode: 'dialog', pick: async (kind) => (asked.push(kind), answers.shift() ?? null) } });
    expect(await t.core.handlers['dialog:pick-path']({ kind: 'mail-file' })).toEqual({ path: '/home/pat/Mail/Inbox' });
    expect(await t.core.handlers['dialog:pick-path']({ kind: 'calendar-file' })).toEqual({ path: null });
    expect(asked).toEqual(['mail-file', 'calendar-file']);
    await expect(t.core.handlers['files:browse']({ kind: 'mail-file' })).rejects.toThrow(/system’s dialog/);
  });
});
