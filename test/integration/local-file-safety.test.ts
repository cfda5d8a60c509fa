// Local-file integrations read only regular files, boundedly, and a path changed in the settings is
// checked like a path given when connecting. A named pipe (FIFO) put where a mailbox or calendar is
// expected must be refused at once: opening one for reading waits for a writer, forever.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { silentLogger } from '../../src/main/logging/logger';
import { readRegularFile } from '../../src/main/providers/local-file';
import { ROOT } from '../helpers/host';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';
import { tempDir } from '../helpers/temp-db';

const posix = process.platform !== 'win32';
let t: TestCore;
let temp: { dir: string; cleanup(): void };
let unblocker: ChildProcess | null = null;

/**
 * Makes named pipes, and a helper that opens them for writing after 1.5 s, so code that wrongly
 * opens one for reading is released (and then fails the assertions) instead of hanging the run.
 */
function fifos(...names: string[]): string[] {
  const paths = names.map((name) => join(temp.dir, name));
  for (const path of paths) execFileSync('mkfifo', [path]);
  unblocker = spawn('sh', ['-c', 'sleep 1.5; for f in "$@"; do (: > "$f") & done; wait', 'sh', ...paths], { detached: true, stdio: 'ignore' });
  return paths;
}

async function call(channel: 'integrations:connect' | 'integrations:update-settings', input: unknown) {
  const started = Date.now();
  const result = await dispatch(t.core.handlers, channel, input, silentLogger());
  return { ...result, ms: Date.now() - started };
}

beforeEach(() => {
  temp = tempDir('pt-files-');
  t = createTestCore();
});
afterEach(async () => {
  if (unblocker?.pid) {
    try {
      process.kill(-unblocker.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  unblocker = null;
  await t.cleanup();
  temp.cleanup();
});

describe('integrations:update-settings runs the checks connect runs', () => {
  it('refuses a path that does not exist, is not a mailbox or is not a calendar, and keeps the old one', async () => {
    const mail = await call('integrations:connect', { provider: 'mail_files', options: { path: join(ROOT, 'resources/sample.mbox') } });
    const mailId = (mail.reply as { ok: true; value: { integrationId: number } }).value.integrationId;
    const calendar = await call('integrations:connect', { provider: 'calendar_files', options: { path: join(ROOT, 'resources/sample.ics') } });
    const calendarId = (calendar.reply as { ok: true; value: { integrationId: number } }).value.integrationId;
    for (const [integrationId, path, reason] of [
      [mailId, join(temp.dir, 'missing.mbox'), /Nothing was found/],
      [mailId, join(ROOT, 'package.json'), /neither an \.mbox/],
      [calendarId, join(ROOT, 'resources/sample.mbox'), /not an \.ics/],
    ] as const) {
      const result = await call('integrations:update-settings', { integrationId, settings: { path } });
      expect(result.status).toBe(400);
      expect(result.reply).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(reason) } });
    }
    expect(t.core.repos.integrations.get(mailId)!.settings.path).toBe(join(ROOT, 'resources/sample.mbox'));
    // A good new path is taken, and becomes the account the dashboard shows.
    const copy = join(temp.dir, 'other.mbox');
    copyFileSync(join(ROOT, 'resources/sample.mbox'), copy);
    expect((await call('integrations:update-settings', { integrationId: mailId, settings: { path: copy, syncFrequencyMinutes: 30 } })).status).toBe(200);
    expect(t.core.repos.integrations.get(mailId)).toMatchObject({ accountId: copy, settings: { path: copy } });
  });

  it('refuses a path on an integration that reads no file', async () => {
    const row = t.core.repos.integrations.create({ provider: 'gmail', status: 'connected', settings: {} });
    const result = await call('integrations:update-settings', { integrationId: row.id, settings: { path: '/etc/passwd' } });
    expect(result.status).toBe(400);
    expect(t.core.repos.integrations.get(row.id)!.settings.path).toBeUndefined();
  });
});

describe.skipIf(!posix)('named pipes and other non-regular files', () => {
  it('connect refuses a FIFO as a mailbox, an .eml or a calendar at once', async () => {
    const [mbox, eml, ics] = fifos('box.mbox', 'one.eml', 'cal.ics');
    for (const [provider, path] of [['mail_files', mbox], ['mail_files', eml], ['calendar_files', ics]] as const) {
      const result = await call('integrations:connect', { provider, options: { path } });
      expect({ path, status: result.status }).toEqual({ path, status: 400 });
      expect(result.reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(/named pipe, not a regular file/) } });
      expect(result.ms).toBeLessThan(1_000);
    }
  });

  it('update-settings refuses a FIFO at once', async () => {
    const [pipe] = fifos('box.mbox');
    const mail = await call('integrations:connect', { provider: 'mail_files', options: { path: join(ROOT, 'resources/sample.mbox') } });
    const integrationId = (mail.reply as { ok: true; value: { integrationId: number } }).value.integrationId;
    const result = await call('integrations:update-settings', { integrationId, settings: { path: pipe } });
    expect(result.status).toBe(400);
    expect(result.ms).toBeLessThan(1_000);
  });

  it('a sync whose file became a FIFO fails with a sentence instead of hanging, and a FIFO among .eml files is skipped', async () => {
    const ics = join(temp.dir, 'cal.ics');
    copyFileSync(join(ROOT, 'resources/sample.ics'), ics);
    const folder = join(temp.dir, 'mail');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.eml'), 'From: Dana <dana@example.com>\r\nTo: me@example.com\r\nSubject: Budget\r\nMessage-ID: <a@example.com>\r\nDate: Mon, 2 Jun 2025 09:00:00 +0000\r\n\r\nPlease send the budget by Friday.\r\n');
    const calendar = await call('integrations:connect', { provider: 'calendar_files', options: { path: ics } });
    const calendarId = (calendar.reply as { ok: true; value: { integrationId: number } }).value.integrationId;
    await firstSync(t.core, calendarId);
    const [pipe, linked] = fifos('swapped.ics', 'pipe-target');
    unlinkSync(ics);
    symlinkSync(pipe!, ics);
    symlinkSync(linked!, join(folder, 'b.eml'));
    const mail = await call('integrations:connect', { provider: 'mail_files', options: { path: folder } });
    const mailId = (mail.reply as { ok: true; value: { integrationId: number } }).value.integrationId;
    const started = Date.now();
    const mailLog = await firstSync(t.core, mailId);
    const calendarLog = await t.core.services.sync.syncIntegration(calendarId, 'manual').catch((error: Error) => ({ status: 'failed', error: error.message }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(mailLog).toMatchObject({ status: expect.stringMatching(/succeeded|partial/), itemsFetched: 2, itemsQuarantined: 1 });
    expect(calendarLog).toMatchObject({ status: 'failed', error: expect.stringMatching(/named pipe, not a regular file/) });
  });
});

describe('bounded reads', () => {
  it('reads at most the cap and says the file was longer', async () => {
    const file = join(temp.dir, 'big.eml');
    writeFileSync(file, 'x'.repeat(10_000));
    expect(await readRegularFile(file, 100)).toMatchObject({ size: 10_000, truncated: true, bytes: Buffer.from('x'.repeat(100)) });
    expect(await readRegularFile(file, 20_000)).toMatchObject({ size: 10_000, truncated: false });
  });
});
