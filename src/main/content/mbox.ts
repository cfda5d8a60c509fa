/**
 * Local mail files: an mbox read as a stream (a 1 GB mailbox never sits in memory) and split on
 * "From " separator lines with mboxrd ">From " unescaping, or a folder of .eml files. Failures are
 * sentences a person can act on.
 */
import { constants, type Stats } from 'node:fs';
import { open, opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { MboxSplitter, type MboxMessage } from './mbox-splitter';

export type { MboxMessage } from './mbox-splitter';

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
/** Bytes read at a time: the most the main thread splits before the event loop gets a turn. */
const CHUNK_BYTES = 128 * 1024;

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
  const stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
  const splitter = new MboxSplitter(path, max);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const message of splitter.push(chunk)) yield message;
      // Chunks the stream already holds arrive as microtasks: without this turn of the event loop a
      // whole page of messages would be read before the main thread answered anything else.
      await setImmediate();
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof Error && error.message.includes('is not an mbox file')) throw error;
    throw describe(error, path, 'mailbox file');
  }
  for (const message of splitter.end()) yield message;
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
