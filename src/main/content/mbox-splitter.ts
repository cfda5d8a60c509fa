/**
 * Splits mbox bytes, fed chunk by chunk, into messages on "From " separator lines, with mboxrd
 * ">From " unescaping. Untrusted bytes: the work per chunk is linear and nearly allocation-free for
 * ordinary text. Only lines that start with "F" or ">" (a separator or an escaped line, maybe) are
 * looked at one by one; everything between them is handed to the message as one span, and each
 * chunk's spans are copied into the message once. (Looking at every line cost about a second on the
 * main thread for 8 MB of blank lines.)
 */

/** One message of a mailbox: its position and raw bytes (cut just past the limit). */
export interface MboxMessage {
  index: number;
  raw: Buffer;
  /** Size of the whole message in bytes, even when `raw` was cut. */
  size: number;
  /** `raw` holds only the start of a message larger than the limit (the parser then quarantines it). */
  truncated: boolean;
}

// A separator line is short; a longer line is streamed through without being collected.
const LINE_HEAD = 1024;
const FROM = Buffer.from('From ');
// "From sender date": mboxes written by real clients always carry a time or a year on the line.
const SEPARATOR_DATE = /(?:\d{1,2}:\d{2}|\b\d{4}\b)/;
const NEWLINE = 0x0a;
const F = 0x46;
const GT = 0x3e;

/** A longer run of ">" before "From " is not an escape (the line is decided on its first LINE_HEAD bytes). */
const MAX_ESCAPE_RUN = 1000;

/** True when the bytes at `at` read "From ". */
function fromAt(chunk: Buffer, at: number): boolean {
  return chunk[at] === F && chunk[at + 1] === 0x72 && chunk[at + 2] === 0x6f && chunk[at + 3] === 0x6d && chunk[at + 4] === 0x20;
}

function isSeparator(line: Buffer): boolean {
  return line.length < LINE_HEAD && line.subarray(0, 5).equals(FROM) && SEPARATOR_DATE.test(line.toString('latin1'));
}

// mboxrd: a body line ">From " (any number of ">") was escaped by adding one ">".
function unescape(line: Buffer): Buffer {
  let i = 0;
  while (i < line.length && i < MAX_ESCAPE_RUN && line[i] === GT) i++;
  return i > 0 && i < MAX_ESCAPE_RUN && fromAt(line, i) ? line.subarray(1) : line;
}

/** The bytes of one message, kept up to the limit; the pieces of a chunk are copied once, at its end. */
class MessageBuffer {
  private readonly parts: Buffer[] = [];
  private pending: Buffer[] = [];
  private kept = 0;
  size = 0;
  constructor(private readonly max: number) {}
  add(piece: Buffer): void {
    this.size += piece.length;
    const room = this.max + 1 - this.kept;
    if (room <= 0 || piece.length === 0) return;
    const part = piece.length > room ? piece.subarray(0, room) : piece;
    this.pending.push(part);
    this.kept += part.length;
  }
  /** Copies what this chunk added (a subarray would pin the whole chunk in memory). */
  settle(): void {
    if (this.pending.length === 0) return;
    this.parts.push(Buffer.concat(this.pending));
    this.pending = [];
  }
  take(index: number): MboxMessage {
    this.settle();
    let raw = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    // The blank line that mbox puts before the next separator is not part of the message.
    if (raw.length <= this.max) {
      if (raw.subarray(-4).toString('latin1') === '\r\n\r\n') raw = raw.subarray(0, -2);
      else if (raw.subarray(-2).toString('latin1') === '\n\n') raw = raw.subarray(0, -1);
    }
    return { index, raw, size: this.size, truncated: this.size > this.max };
  }
}

/** Finds, within one chunk, where the next line starting with a given byte begins; searches each stretch once. */
class LineStartFinder {
  private found = -2;
  constructor(
    private readonly chunk: Buffer,
    private readonly pattern: Buffer,
  ) {}
  /** Index of the first byte of the next such line at or after `from`, or -1. */
  next(from: number): number {
    if (this.found === -1) return -1;
    if (this.found < from) {
      // Searching from `from - 1` sees a newline just before `from`; a match before it was already passed.
      const at = this.chunk.indexOf(this.pattern, Math.max(0, from - 1));
      this.found = at === -1 ? -1 : at + 1;
    }
    return this.found;
  }
}

/**
 * What a line starting at `pos` needs, from its first bytes: 'plain' text, an 'escaped' ">From " line,
 * or a 'whole' reading (a "From " line may be a separator; a line cut by the chunk's end is undecided).
 */
function lineKind(chunk: Buffer, pos: number): 'plain' | 'escaped' | 'whole' {
  let at = pos;
  while (at < chunk.length && at - pos < MAX_ESCAPE_RUN && chunk[at] === GT) at += 1;
  if (at - pos >= MAX_ESCAPE_RUN) return 'plain';
  if (at + 5 > chunk.length) return chunk[pos] === F || chunk[pos] === GT ? 'whole' : 'plain';
  if (!fromAt(chunk, at)) return 'plain';
  return at === pos ? 'whole' : 'escaped';
}

const NEWLINE_F = Buffer.from('\nF');
const NEWLINE_GT = Buffer.from('\n>');

/** Feeds mbox bytes chunk by chunk and returns the messages each chunk completes. */
export class MboxSplitter {
  private current: MessageBuffer | null = null;
  private index = 0;
  private atLineStart = true;
  /** The start of a line being looked at (a separator or an escaped line, maybe), or null outside one. */
  private head: Buffer[] | null = null;
  private headLength = 0;

  constructor(
    private readonly path: string,
    private readonly max: number,
  ) {}

  /** Reads one chunk; returns the messages it completed. Throws when the bytes do not start like an mbox. */
  push(chunk: Buffer): MboxMessage[] {
    const done: MboxMessage[] = [];
    const lineF = new LineStartFinder(chunk, NEWLINE_F);
    const lineGt = new LineStartFinder(chunk, NEWLINE_GT);
    // Ordinary text from spanStart to pos goes to the message as one piece.
    let spanStart = 0;
    let pos = 0;
    const flush = () => {
      // Before the first separator only blank text may come (a long blank line's rest is dropped).
      if (pos > spanStart) this.current?.add(chunk.subarray(spanStart, pos));
    };
    while (pos < chunk.length) {
      if (this.head === null && this.atLineStart) {
        const kind = this.current === null ? 'whole' : lineKind(chunk, pos);
        if (kind === 'whole') {
          flush();
          this.head = [];
          this.headLength = 0;
        } else if (kind === 'escaped') {
          // mboxrd: drop the one ">" that escaped the line.
          flush();
          spanStart = pos + 1;
        }
      }
      if (this.head !== null) {
        pos = this.readHead(chunk, pos, done);
        spanStart = pos;
        continue;
      }
      const from = this.atLineStart ? pos + 1 : pos;
      const f = lineF.next(from);
      const gt = lineGt.next(from);
      pos = f === -1 ? (gt === -1 ? chunk.length : gt) : gt === -1 ? f : Math.min(f, gt);
      this.atLineStart = pos < chunk.length || chunk[pos - 1] === NEWLINE;
    }
    flush();
    // A line that goes on in the next chunk keeps its own copy, not the chunk.
    if (this.head !== null) this.head = [Buffer.concat(this.head)];
    this.current?.settle();
    return done;
  }

  /** The last message, once the bytes have ended. */
  end(): MboxMessage[] {
    const done: MboxMessage[] = [];
    if (this.head !== null && this.headLength > 0) this.finishLine(Buffer.concat(this.head), done);
    this.head = null;
    const last = this.current;
    this.current = null;
    if (last && last.size > 0) done.push(last.take(this.index));
    return done;
  }

  /** Collects a line's start up to its end or LINE_HEAD bytes; returns where reading goes on. */
  private readHead(chunk: Buffer, pos: number, done: MboxMessage[]): number {
    const newline = chunk.indexOf(NEWLINE, pos);
    const end = newline === -1 ? chunk.length : newline + 1;
    this.head!.push(chunk.subarray(pos, end));
    this.headLength += end - pos;
    if (newline !== -1) {
      this.finishLine(this.head!.length === 1 ? this.head![0]! : Buffer.concat(this.head!), done);
      this.head = null;
      this.atLineStart = true;
    } else if (this.headLength > LINE_HEAD) {
      // Too long to be a separator: hand over what we have and stream the rest of the line.
      this.finishLine(Buffer.concat(this.head!), done);
      this.head = null;
      this.atLineStart = false;
    }
    return end;
  }

  private finishLine(line: Buffer, done: MboxMessage[]): void {
    if (isSeparator(line)) {
      if (this.current && this.current.size > 0) done.push(this.current.take(this.index++));
      this.current = new MessageBuffer(this.max);
      return;
    }
    if (!this.current) {
      if (line.toString('latin1').trim() === '') return;
      throw new Error(`${this.path} is not an mbox file: it does not start with a "From " line.`);
    }
    this.current.add(unescape(line));
  }
}
