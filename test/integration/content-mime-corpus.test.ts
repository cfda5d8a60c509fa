/**
 * Hostile and malformed mail: every message of ../shared/data/mime (read in place, never copied)
 * and generated cases either become a usable item or are quarantined with a reason, in bounded
 * time and memory.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRfc822, type Rfc822Result } from '../../src/main/content/rfc822';

const CORPUS = fileURLToPath(new URL('../../../shared/data/mime/', import.meta.url));
const corpusMissing = !existsSync(CORPUS);
if (corpusMissing) console.warn(`Skipping the MIME corpus tests: ${CORPUS} does not exist.`);

function listRaw(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listRaw(path);
    return name.endsWith('.raw') || name.endsWith('.eml') ? [path] : [];
  });
}

async function timedParse(raw: Buffer): Promise<{ result: Rfc822Result; ms: number; rssGrowth: number }> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const result = await parseRfc822(raw);
  return { result, ms: performance.now() - start, rssGrowth: process.memoryUsage().rss - rss };
}

function expectUsableOrQuarantined(result: Rfc822Result): void {
  if (result.ok) {
    const item = result.item;
    expect(item.id.length).toBeGreaterThan(0);
    expect(item.type).toBe('email');
    expect(typeof item.subject).toBe('string');
    expect(typeof item.bodyText).toBe('string');
    expect(item.bodyText.length).toBeLessThanOrEqual(20_000);
    expect(item.subject || item.bodyText || item.from.address).not.toBe('');
    // eslint-disable-next-line no-control-regex -- no control characters may reach the model
    expect(item.bodyText + item.subject).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  } else {
    expect(result.reason).toMatch(/^The (message|file)/);
  }
}

describe.skipIf(corpusMissing)('the shared MIME corpus', () => {
  const files = corpusMissing ? [] : listRaw(CORPUS);

  it('has messages to read', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((path) => [path.slice(CORPUS.length), path]))('%s becomes an item or is quarantined, quickly', async (_name, path) => {
    const { result, ms } = await timedParse(readFileSync(path));
    expectUsableOrQuarantined(result);
    expect(ms).toBeLessThan(5_000);
  });

  it('turns most of the corpus into items', async () => {
    let ok = 0;
    for (const path of files) if ((await parseRfc822(readFileSync(path))).ok) ok++;
    expect(ok / files.length).toBeGreaterThan(0.8);
  });
});

const head = (extra: string[] = []): string[] => ['From: Sender <sender@example.com>', 'To: you@example.com', 'Subject: Test', 'Message-ID: <t@example.com>', ...extra];
const message = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'));

describe('generated hostile messages', () => {
  it('quarantines a message over 25 MB without parsing it', async () => {
    const raw = Buffer.concat([message([...head(), '', '']), Buffer.alloc(26 * 1024 * 1024, 0x61)]);
    const { result, ms } = await timedParse(raw);
    expect(result).toEqual({ ok: false, reason: 'The message is larger than 25 MB, so it was not read.' });
    expect(ms).toBeLessThan(100);
  });

  it('reads a message with a 24 MB body within time and memory bounds', async () => {
    const body = 'Please review the attached figures before Friday. '.repeat(480_000);
    const { result, ms, rssGrowth } = await timedParse(message([...head(['Content-Type: text/plain; charset=utf-8']), '', body]));
    expect(result.ok).toBe(true);
    expect(result.ok && result.item.bodyText.length).toBeGreaterThan(19_000);
    expect(ms).toBeLessThan(30_000);
    expect(rssGrowth).toBeLessThan(1024 * 1024 * 1024);
  });

  it('removes NUL bytes from headers and body', async () => {
    const { result } = await timedParse(message(['From: A\u0000B <a@example.com>', 'Subject: Pay\u0000 now', '', 'Invoice\u0000 due\u0000']));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.item).toMatchObject({ subject: 'Pay now', bodyText: 'Invoice due' });
  });

  it('survives broken base64', async () => {
    const { result } = await timedParse(message([...head(['Content-Type: text/plain', 'Content-Transfer-Encoding: base64']), '', 'SGVsbG8g***!!!d29y$$bGQ=====\r\n%%%', '']));
    expectUsableOrQuarantined(result);
  });

  it.each([
    ['big5', '=?big5?B?pKSk5Q==?=', '中文'],
    ['euc-kr', '=?euc-kr?B?x9Gxub7u?=', '한국어'],
    ['koi8-r', '=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?=', 'Привет'],
    ['iso-2022-jp', '=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=', '日本語'],
    ['gb18030', '=?gb18030?B?1tDOxA==?=', '中文'],
    ['windows-1256', '=?windows-1256?Q?=E3=D1=CD=C8=C7?=', 'مرحبا'],
    ['an unknown charset', '=?x-no-such-charset?B?aGVsbG8=?=', null],
    ['utf-7', '=?utf-7?Q?Hi_+AKM-1?=', null],
  ])('decodes an RFC 2047 subject in %s', async (_charset, subject, expected) => {
    const { result } = await timedParse(message(['From: a@example.com', `Subject: ${subject}`, '', 'Body']));
    expect(result.ok).toBe(true);
    if (result.ok && expected) expect(result.item.subject).toBe(expected);
  });

  it('bounds deeply nested MIME trees', async () => {
    const depth = 300;
    const lines = [...head(['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b0"']), ''];
    for (let i = 1; i < depth; i++) lines.push(`--b${i - 1}`, `Content-Type: multipart/mixed; boundary="b${i}"`, '');
    lines.push(`--b${depth - 1}`, 'Content-Type: text/plain', '', 'deep body');
    for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
    const { result, ms } = await timedParse(message(lines));
    expectUsableOrQuarantined(result);
    expect(ms).toBeLessThan(10_000);
  });

  it('quarantines a message with thousands of parts', async () => {
    const lines = [...head(['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="x"']), ''];
    for (let i = 0; i < 3000; i++) lines.push('--x', 'Content-Type: text/plain', '', `part ${i}`);
    lines.push('--x--');
    const { result, ms } = await timedParse(message(lines));
    expectUsableOrQuarantined(result);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    ['an HTML bomb', `${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}`],
    ['a giant attribute list', `<p ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}>Hello</p>`],
  ])('reads %s quickly', async (_name, html) => {
    const { result, ms } = await timedParse(message([...head(['Content-Type: text/html; charset=utf-8']), '', html]));
    expectUsableOrQuarantined(result);
    expect(ms).toBeLessThan(10_000);
  });

  it('caps huge recipient lists and oversized headers', async () => {
    const to = Array.from({ length: 20_000 }, (_, i) => `u${i}@example.com`).join(', ');
    const { result } = await timedParse(message(['From: a@example.com', `To: ${to}`, 'Subject: many', '', 'Body']));
    expect(result.ok).toBe(true);
    expect(result.ok && result.item.to.length).toBe(500);
    const { result: huge } = await timedParse(message([`X-Filler: ${'x'.repeat(2 * 1024 * 1024)}`, 'Subject: big header', '', 'Body']));
    expectUsableOrQuarantined(huge);
  });

  it('quarantines empty and header-less input with a reason', async () => {
    expect(await parseRfc822(Buffer.alloc(0))).toEqual({ ok: false, reason: 'The message is empty.' });
    expect(await parseRfc822(Buffer.from('\r\n\r\n  '))).toEqual({ ok: false, reason: 'The message is empty.' });
    expect((await parseRfc822(Buffer.from([0xff, 0xfe, 0x00, 0x01]))).ok).toBe(false);
  });
});
