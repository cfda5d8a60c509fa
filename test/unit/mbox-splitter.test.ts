// The mbox splitter on untrusted bytes: the same messages however the bytes are cut into chunks (checked
// against a plain line-by-line reading of the mboxrd rules), and linear on hostile line shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MboxSplitter, type MboxMessage } from '../../src/main/content/mbox-splitter';

/** The mboxrd rules read line by line, the obvious way: what the splitter must agree with. */
function reference(text: string): string[] {
  const messages: string[][] = [];
  const lines = text.split(/(?<=\n)/);
  for (const line of lines) {
    if (/^From .*(?:\d{1,2}:\d{2}|\b\d{4}\b)/.test(line) && line.length < 1024) messages.push([]);
    else if (messages.length > 0) messages.at(-1)!.push(/^>{1,999}From /.test(line) ? line.slice(1) : line);
  }
  return messages
    .map((message) => message.join(''))
    .filter((message) => message.length > 0)
    .map((message) => (message.endsWith('\r\n\r\n') ? message.slice(0, -2) : message.endsWith('\n\n') ? message.slice(0, -1) : message));
}

function split(bytes: Buffer, chunkSizes: number[]): MboxMessage[] {
  const splitter = new MboxSplitter('test.mbox', 1024 * 1024);
  const out: MboxMessage[] = [];
  let pos = 0;
  for (let index = 0; pos < bytes.length; index += 1) {
    const size = chunkSizes[index % chunkSizes.length]!;
    out.push(...splitter.push(bytes.subarray(pos, pos + size)));
    pos += size;
  }
  return [...out, ...splitter.end()];
}

const LINES = ['From a@b Mon Jan 12 09:14:03 2026\n', 'From here on\n', '>From quoted\n', '>>From twice\n', '> plain quote\n', 'F\n', '>\n', '\n', '\r\n', 'Subject: x\n', 'body text', 'Friday 10:30\n', 'x'.repeat(1100) + '\n', `From ${'x'.repeat(1100)} 2026\n`, `${'>'.repeat(998)}From edge\n`, `${'>'.repeat(1000)}From long\n`];

describe('MboxSplitter', () => {
  it('gives the messages of the mboxrd rules however the bytes are cut into chunks', () => {
    const mbox = fc.array(fc.constantFrom(...LINES), { maxLength: 60 }).map((lines) => `${LINES[0]}${lines.join('')}`);
    fc.assert(
      fc.property(mbox, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), (text, chunkSizes) => {
        const bytes = Buffer.from(text, 'latin1');
        const expected = reference(text);
        expect(split(bytes, [bytes.length]).map((message) => message.raw.toString('latin1'))).toEqual(expected);
        expect(split(bytes, chunkSizes).map((message) => message.raw.toString('latin1'))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers the messages, keeps each one’s real size and cuts one over the limit just past it', () => {
    const splitter = new MboxSplitter('test.mbox', 10);
    const messages = [...splitter.push(Buffer.from(`${LINES[0]}${'y'.repeat(50)}\n\n${LINES[0]}short\n`)), ...splitter.end()];
    expect(messages.map(({ index, size, truncated, raw }) => [index, size, truncated, raw.length])).toEqual([
      [0, 52, true, 11],
      [1, 6, false, 6],
    ]);
  });

  it('refuses bytes that do not start like an mbox, after any blank lines', () => {
    expect(() => new MboxSplitter('notes.txt', 100).push(Buffer.from('\n\nDear diary,\n'))).toThrow('notes.txt is not an mbox file: it does not start with a "From " line.');
    expect(new MboxSplitter('blank.mbox', 100).push(Buffer.from(`${' '.repeat(3000)}\n${LINES[0]}x\n`))).toEqual([]);
  });

  it('splits megabytes of hostile line shapes in linear time', () => {
    // Each shape took seconds before (every line collected and copied on its own): 8 MB of blank lines 6 s.
    for (const line of ['\n', 'F\n', '>\n', 'ab\n', '>From x\n', 'From x\n', 'From 10:30\n']) {
      const bytes = Buffer.from(`${LINES[0]}${line.repeat(Math.floor((4 * 1024 * 1024) / line.length))}`);
      const started = performance.now();
      const messages = split(bytes, [128 * 1024]);
      // Separator lines only: every message is empty, and none is given.
      expect(messages).toHaveLength(line === 'From 10:30\n' ? 0 : 1);
      expect(performance.now() - started, `lines of ${JSON.stringify(line)}`).toBeLessThan(1_500);
    }
  });
});
