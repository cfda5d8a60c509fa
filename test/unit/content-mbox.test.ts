import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEmlFolder, readMbox, type EmlFile, type MboxMessage } from '../../src/main/content/mbox';

const dir = mkdtempSync(join(tmpdir(), 'content-mbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const asText = (messages: MboxMessage[]): string[] => messages.map((message) => message.raw.toString('utf8'));

describe('readMbox', () => {
  it('splits on From lines and unescapes >From (mboxrd)', async () => {
    const path = file(
      'a.mbox',
      [
        'From a@example.com Mon Jan 12 09:14:03 2026',
        'Subject: one',
        '',
        '>From the desk of A',
        '>>From quoted',
        'From is fine mid-sentence? no: only escaped lines are touched',
        '',
        'From b@example.com Tue Jan 13 10:00:00 2026',
        'Subject: two',
        '',
        'body two',
        '',
      ].join('\n'),
    );
    const messages = await all(readMbox(path));
    expect(messages.map((message) => message.index)).toEqual([0, 1]);
    expect(asText(messages)).toEqual([
      'Subject: one\n\nFrom the desk of A\n>From quoted\nFrom is fine mid-sentence? no: only escaped lines are touched\n',
      'Subject: two\n\nbody two\n',
    ]);
  });

  it('handles CRLF files and a last message without a trailing blank line', async () => {
    const path = file('crlf.mbox', 'From x Mon Jan 12 09:14:03 2026\r\nSubject: a\r\n\r\nA\r\n\r\nFrom y Mon Jan 12 09:15:03 2026\r\nSubject: b\r\n\r\nB');
    expect(asText(await all(readMbox(path)))).toEqual(['Subject: a\r\n\r\nA\r\n', 'Subject: b\r\n\r\nB']);
  });

  it('yields nothing for an empty file', async () => {
    expect(await all(readMbox(file('empty.mbox', '')))).toEqual([]);
  });

  it('cuts a message over the limit just past it, keeps its real size, and reads the next one', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const path = file('big.mbox', `From a Mon Jan 12 09:14:03 2026\nSubject: big\n\n${big}\n\nFrom b Mon Jan 12 09:14:03 2026\nSubject: small\n\nok\n`);
    const messages = await all(readMbox(path, { maxMessageBytes: 1024 * 1024 }));
    expect(messages[0]).toMatchObject({ truncated: true });
    expect(messages[0]!.raw.length).toBe(1024 * 1024 + 1);
    expect(messages[0]!.size).toBeGreaterThan(3 * 1024 * 1024);
    expect(messages[1]).toMatchObject({ truncated: false });
    expect(messages[1]!.raw.toString()).toBe('Subject: small\n\nok\n');
  });

  it('streams a single huge line without collecting it', async () => {
    const path = file('line.mbox', `From a Mon Jan 12 09:14:03 2026\nSubject: line\n\n${'y'.repeat(8 * 1024 * 1024)}`);
    const [message] = await all(readMbox(path, { maxMessageBytes: 64 * 1024 }));
    expect(message).toMatchObject({ truncated: true });
    expect(message!.raw.length).toBe(64 * 1024 + 1);
  });

  it('explains missing files, folders and files that are not mboxes', async () => {
    await expect(all(readMbox(join(dir, 'nope.mbox')))).rejects.toThrow(`The mailbox file ${join(dir, 'nope.mbox')} does not exist.`);
    await expect(all(readMbox(dir))).rejects.toThrow(`${dir} is a folder, not an mbox file.`);
    await expect(all(readMbox(file('notes.txt', 'Dear diary,\nFrom today on...\n')))).rejects.toThrow(/is not an mbox file: it does not start with a "From " line/);
  });

  it.skipIf(process.getuid?.() === 0)('explains a permission problem', async () => {
    const path = file('locked.mbox', 'From a Mon Jan 12 09:14:03 2026\n\nx\n');
    chmodSync(path, 0o000);
    await expect(all(readMbox(path))).rejects.toThrow(/cannot be read: permission denied/);
    chmodSync(path, 0o600);
  });
});

describe('readEmlFolder', () => {
  it('reads .eml files in name order, skips other files and subfolders', async () => {
    const folder = join(dir, 'eml');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'b.eml'), 'Subject: b\n\nB');
    writeFileSync(join(folder, 'a.EML'), 'Subject: a\n\nA');
    writeFileSync(join(folder, 'notes.txt'), 'not mail');
    writeFileSync(join(folder, 'sub', 'c.eml'), 'Subject: c\n\nC');
    writeFileSync(join(folder, 'huge.eml'), Buffer.alloc(2048, 0x61));
    const files: EmlFile[] = await all(readEmlFolder(folder, { maxMessageBytes: 1024 }));
    expect(files.map((entry) => [entry.path.slice(folder.length + 1), entry.raw.length, entry.truncated, entry.error])).toEqual([
      ['a.EML', 13, false, null],
      ['b.eml', 13, false, null],
      ['huge.eml', 1025, true, null],
    ]);
  });

  it('explains a missing folder or a file given as a folder', async () => {
    await expect(all(readEmlFolder(join(dir, 'missing')))).rejects.toThrow(`The folder ${join(dir, 'missing')} does not exist.`);
    await expect(all(readEmlFolder(file('plain.eml', 'x')))).rejects.toThrow(/is a file, not a folder/);
  });
});
