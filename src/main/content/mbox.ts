/**
 * Local mail files: an mbox read as a stream (a 1 GB mailbox never sits in memory) and split on
 * "From " separator lines with mboxrd ">From " unescaping, or a folder of .eml files. Failures are
 * sentences a person can act on.
 */
import { constants, type Stats } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One message of a mailbox: its position and raw bytes (cut just past `maxMessageBytes`). */
export interface MboxMessage {
  index: number;
  raw: Buffer;
  /** Size of the whole message in bytes, even when `raw` was cut. */
  size: number;
  /** `raw` holds only the start of a message larger than the limit (the parser then quarantines it). */
  truncated: boolean;
}

/** One .eml file of a folder; `error` says why it could not be read (the others still are). */
export interface EmlFile {
  index: number;
  path: string;
  raw: Buffer;
  size: number;
  truncated: boolean;
  error: string | null;
}

/** Limits for reading local mail. */
export interface MailFileOptions {
  /** Bytes kept per message; larger ones are cut just past this so the parser quarantines them (default 25 MB). */
  maxMessageBytes?: number;
}

const DEFAULT_MAX = 25 * 1024 * 1024;
// A separator line is short; longer lines are streamed through without being collected.
const LINE_HEAD = 1024;
const FROM = Buffer.from('From ');
// "From sender date": mboxes written by real clients always carry a time or a year on the line.
const SEPARATOR_DATE = /(?:\d{1,2}:\d{2}|\b\d{4}\b)/;

// Opening a named pipe for reading waits for a writer; with O_NONBLOCK it returns at once and fstat tells.
const READ_NO_WAIT = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Opens a path for reading only when it is a regular file (checked on the open file itself). */
async function openRegular(path: string): Promise<Awaited<ReturnType<typeof open>>> {
  const handle = await open(path, READ_NO_WAIT);
  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (!stats.isFile()) {
    await handle.close();
    throw Object.assign(new Error('not a regular file'), { code: stats.isDirectory() ? 'EISDIR' : 'ENOTREGULAR' });
  }
  return handle;
}

/** Turns a file-system error into a sentence naming the file. */
function describe(error: unknown, path: string, what: string): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new Error(`The ${what} ${path} does not exist.`);
  if (code === 'EACCES' || code === 'EPERM') return new Error(`The ${what} ${path} cannot be read: permission denied.`);
  if (code === 'EISDIR') return new Error(`${path} is a folder, not an mbox file.`);
  if (code === 'ENOTDIR') return new Error(`${path} is a file, not a folder.`);
  if (code === 'ENOTREGULAR') return new Error(`${path} is not a regular file (a named pipe or a device?), so it is not read.`);
  return new Error(`The ${what} ${path} could not be read: ${error instanceof Error ? error.message : String(error)}`);
}

function isSeparator(line: Buffer): boolean {
  return line.length < LINE_HEAD && line.subarray(0, 5).equals(FROM) && SEPARATOR_DATE.test(line.toString('latin1'));
}

// mboxrd: a body line ">From " (any number of ">") was escaped by adding one ">".
function unescape(line: Buffer): Buffer {
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i++;
  return i > 0 && line.subarray(i, i + 5).equals(FROM) ? line.subarray(1) : line;
}

class MessageBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  size = 0;
  constructor(private readonly max: number) {}
  add(piece: Buffer): void {
    this.size += piece.length;
    const room = this.max + 1 - this.kept;
    if (room <= 0) return;
    const part = piece.length > room ? piece.subarray(0, room) : piece;
    // Copy: the stream reuses nothing, but a subarray would pin the whole 1 MB chunk in memory.
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  }
  take(index: number): MboxMessage {
    let raw = Buffer.concat(this.chunks);
    // The blank line that mbox puts before the next separator is not part of the message.
    if (raw.length <= this.max) {
      if (raw.subarray(-4).toString('latin1') === '\r\n\r\n') raw = raw.subarray(0, -2);
      else if (raw.subarray(-2).toString('latin1') === '\n\n') raw = raw.subarray(0, -1);
    }
    return { index, raw, size: this.size, truncated: this.size > this.max };
  }
}

/** Streams the messages of an mbox file. Throws a readable Error when the file is missing, unreadable or not an mbox. */
export async function* readMbox(path: string, options: MailFileOptions = {}): AsyncGenerator<MboxMessage> {
  const max = options.maxMessageBytes ?? DEFAULT_MAX;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
    handle = await openRegular(path);
  } catch (error) {
    throw describe(error, path, 'mailbox file');
  }
  const stream = handle.createReadStream({ highWaterMark: 1024 * 1024 });
  let current: MessageBuffer | null = null;
  let index = 0;
  let head: Buffer[] | null = [];
  let headLength = 0;
  const finishLine = (line: Buffer): MboxMessage | null => {
    if (isSeparator(line)) {
      const done = current && current.size > 0 ? current.take(index++) : null;
      current = new MessageBuffer(max);
      return done;
    }
    if (!current) {
      if (line.toString('latin1').trim() === '') return null;
      throw new Error(`${path} is not an mbox file: it does not start with a "From " line.`);
    }
    current.add(unescape(line));
    return null;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let pos = 0;
      while (pos < chunk.length) {
        const newline = chunk.indexOf(0x0a, pos);
        const end = newline === -1 ? chunk.length : newline + 1;
        const piece = chunk.subarray(pos, end);
        pos = end;
        if (head === null) {
          // Inside a long line: stream it straight into the message.
          (current as MessageBuffer | null)?.add(piece);
          if (newline !== -1) head = [];
          continue;
        }
        head.push(piece);
        headLength += piece.length;
        if (newline !== -1) {
          const done = finishLine(Buffer.concat(head));
          head = [];
          headLength = 0;
          if (done) yield done;
        } else if (headLength > LINE_HEAD) {
          // Too long to be a separator: hand over what we have and stream the rest.
          const done = finishLine(Buffer.concat(head));
          if (done) yield done;
          head = null;
          headLength = 0;
        }
      }
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof Error && error.message.includes('is not an mbox file')) throw error;
    throw describe(error, path, 'mailbox file');
  }
  if (head && head.length > 0) {
    const done = finishLine(Buffer.concat(head));
    if (done) yield done;
  }
  const last = current as MessageBuffer | null;
  if (last && last.size > 0) yield last.take(index);
}

/** Reads the .eml files of a folder (not its subfolders), in name order. Throws when the folder cannot be listed. */
export async function* readEmlFolder(path: string, options: MailFileOptions = {}): AsyncGenerator<EmlFile> {
  const max = options.maxMessageBytes ?? DEFAULT_MAX;
  const names: string[] = [];
  try {
    const dir = await opendir(path);
    for await (const entry of dir) {
      if ((entry.isFile() || entry.isSymbolicLink()) && /\.eml$/i.test(entry.name)) names.push(entry.name);
    }
  } catch (error) {
    throw describe(error, path, 'folder');
  }
  names.sort();
  let index = 0;
  for (const name of names) {
    const file = join(path, name);
    try {
      const handle = await openRegular(file);
      try {
        const { size } = await handle.stat();
        // Read at most one byte past the limit: enough for the parser to quarantine an oversized file.
        const length = Math.min(size, max + 1);
        const raw = Buffer.alloc(length);
        const { bytesRead } = await handle.read(raw, 0, length, 0);
        yield { index: index++, path: file, raw: raw.subarray(0, bytesRead), size, truncated: size > max, error: null };
      } finally {
        await handle.close();
      }
    } catch (error) {
      yield { index: index++, path: file, raw: Buffer.alloc(0), size: 0, truncated: false, error: describe(error, file, 'file').message };
    }
  }
}
