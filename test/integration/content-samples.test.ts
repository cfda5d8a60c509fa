/**
 * The mailbox shipped in resources/ read the way the local-files provider reads it: streamed from
 * disk, split, parsed, cleaned. Also a generated mailbox large enough to show streaming holds.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEmlFolder, readMbox } from '../../src/main/content/mbox';
import { parseRfc822 } from '../../src/main/content/rfc822';
import type { EmailItem } from '../../src/main/items/provider-item';

const SAMPLE_MBOX = fileURLToPath(new URL('../../resources/sample.mbox', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'content-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resources/sample.mbox', () => {
  const items: EmailItem[] = [];
  const raws: Buffer[] = [];
  beforeAll(async () => {
    for await (const entry of readMbox(SAMPLE_MBOX)) {
      raws.push(entry.raw);
      const result = await parseRfc822(entry.raw);
      if (!result.ok) throw new Error(`message ${entry.index}: ${result.reason}`);
      items.push(result.item);
    }
  });
  const bySubject = (part: string): EmailItem => items.find((item) => item.subject.includes(part))!;

  it('holds about a dozen distinct, dated messages', () => {
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    for (const item of items) expect(item.date).toMatch(/^2026-01-/);
  });

  it('has several clear requests with deadlines', () => {
    const deadlines = /by Friday 5pm|before March 3|end of day tomorrow|by Wednesday noon|before the QBR|by January 30|by January 31|avant jeudi/i;
    expect(items.filter((item) => deadlines.test(`${item.subject}\n${item.bodyText}`)).length).toBeGreaterThanOrEqual(6);
  });

  it('marks newsletters and automatic mail through their headers', () => {
    expect(items.filter((item) => item.headers.listUnsubscribe).length).toBe(2);
    expect(bySubject('has shipped')).toMatchObject({ from: { address: 'no-reply@orders.shop.example' }, headers: { autoSubmitted: 'auto-generated' } });
  });

  it('trims the quote and signature of the thread reply and threads it under the original', () => {
    const original = bySubject('Offsite venue options');
    const reply = bySubject('Re: Offsite venue options');
    expect(reply.threadKey).toBe(original.id);
    expect(reply.bodyText).toContain('Can you book the\nbig room by Wednesday noon?');
    expect(reply.bodyText).not.toMatch(/shortlisted|Director of Operations|wrote:/);
  });

  it('removes the hidden instructions of the HTML-only invoice and flags it', () => {
    const invoice = bySubject('Invoice #2026-114');
    expect(invoice.bodyText).toContain('Please arrange payment by January 30');
    expect(invoice.bodyText).not.toMatch(/ignore previous|SYSTEM:|Assistant:|attacker/i);
    expect(invoice.contentFlags).toEqual(expect.arrayContaining(['hidden-text:display-none', 'hidden-text:same-color', 'hidden-text:font-size-zero']));
  });

  it('decodes encoded headers and restores escaped "From " lines', () => {
    expect(bySubject('Réunion partenaires')).toMatchObject({ from: { name: 'Claire Dubois' } });
    expect(bySubject('Slides for').bodyText).toContain('From the numbers I saw last week');
    expect(bySubject('Fwd: Annual security training').bodyText).toContain('Everyone must complete the 2026 security awareness course by January 31.');
  });

  it('reads the same messages as a folder of .eml files', async () => {
    const folder = join(dir, 'eml');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    raws.forEach((raw, index) => writeFileSync(join(folder, `${String(index).padStart(3, '0')}.eml`), raw));
    const ids: string[] = [];
    for await (const file of readEmlFolder(folder)) {
      const result = await parseRfc822(file.raw);
      if (result.ok) ids.push(result.item.id);
    }
    expect(ids).toEqual(items.map((item) => item.id));
  });
});

describe('a generated 30 MB mailbox', () => {
  it('streams thousands of messages in bounded time', async () => {
    const path = join(dir, 'big.mbox');
    const out = createWriteStream(path);
    const body = 'Please send the report by Friday.\n'.repeat(250);
    for (let i = 0; i < 3500; i++) {
      out.write(`From sender${i}@example.com Mon Jan 12 09:14:03 2026\nFrom: S <sender${i}@example.com>\nSubject: Message ${i}\nMessage-ID: <m${i}@example.com>\n\n${body}\n`);
    }
    await new Promise<void>((resolve) => out.end(resolve));
    const start = performance.now();
    let count = 0;
    let parsed = 0;
    for await (const entry of readMbox(path)) {
      count++;
      // Parse a sample only: the point is the splitter, and two cores are shared.
      if (entry.index % 50 === 0 && (await parseRfc822(entry.raw)).ok) parsed++;
    }
    expect(count).toBe(3500);
    expect(parsed).toBe(70);
    expect(performance.now() - start).toBeLessThan(30_000);
  });
});
