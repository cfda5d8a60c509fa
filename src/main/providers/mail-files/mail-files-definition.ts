/** Local mail: an .mbox file or a folder of .eml files, parsed offline with mailparser. */
import { extname, resolve } from 'node:path';
import { readEmlFolder, readMbox } from '../../content/mbox';
import { AppError } from '../../errors';
import { fileAccount, readRegularFile, sameStamp, stampOf, statRegularOrExplain, type FileStamp } from '../local-file';
import type { FetchPage, ProviderDefinition, ProviderSession } from '../provider';

// One byte past the parser's limit: enough for it to quarantine an oversized message, never more.
const MAX_EML_BYTES = 25 * 1024 * 1024 + 1;

async function looksLikeMbox(path: string): Promise<boolean> {
  return (await readRegularFile(path, 5)).bytes.toString('latin1') === 'From ';
}

/** Mail files. */
export const mailFilesProvider: ProviderDefinition = {
  type: 'mail_files',
  label: 'Mail files',
  kind: 'file',
  sample: 'sample.mbox',
  itemType: 'email',
  defaultSettings: { syncFrequencyMinutes: 60, autoGenerate: true },
  async inspectPath(path) {
    const stats = statRegularOrExplain(path, true);
    if (!stats.isDirectory() && extname(path).toLowerCase() !== '.eml' && !(await looksLikeMbox(path))) {
      throw new AppError('invalid_input', `${path} is neither an .mbox file (it should start with "From ") nor an .eml file or a folder of them.`);
    }
    return fileAccount(path);
  },
  writeBackActions: () => [],
  createClient: () => ({
    async *fetchPages(cursor, session) {
      const path = resolve(session.settings.path ?? '');
      const stamp = stampOf(path);
      const resumeAt = resumeIndex(cursor, stamp);
      if (resumeAt === null) yield { ...emptyPage(), cursor: stamp };
      else yield* pagesOf(path, session, resumeAt, stamp);
    },
    refetch(_itemIds, session) {
      // A file has no fetch by ID: it is read again, and the sync keeps the items it was asked for.
      return pagesOf(resolve(session.settings.path ?? ''), session, 0, null);
    },
    async hasChanges(cursor, session) {
      return !sameStamp(cursor, stampOf(resolve(session.settings.path ?? '')));
    },
    async runAction(action) {
      throw new AppError('conflict', `Local mail files are read-only; cannot ${action.kind}.`);
    },
  }),
};

async function* singleFile(path: string): AsyncGenerator<{ index: number; raw: Buffer }> {
  yield { index: 0, raw: (await readRegularFile(path, MAX_EML_BYTES)).bytes };
}

/** Messages handed over per page. */
const PAGE_SIZE = 50;

/** The file's stamp, and while a read is cut short, the index of the next message to read. */
interface MailFileCursor extends FileStamp {
  next?: number;
}

/** Where a sync starts reading: 0 for a changed file, the saved position of a read cut short, null when nothing changed. */
function resumeIndex(cursor: unknown, stamp: FileStamp): number | null {
  if (!sameStamp(cursor, stamp)) return 0;
  const next = (cursor as MailFileCursor).next;
  return typeof next === 'number' && next > 0 ? next : null;
}

function emptyPage(): FetchPage {
  return { raw: [], quarantined: [], filtered: [], withdrawn: [] };
}

/** The messages of the path: a folder of .eml files, one .eml file, or an mbox. */
function entries(path: string): AsyncIterable<{ index: number; raw: Buffer; error?: string | null }> {
  const stats = statRegularOrExplain(path, true);
  return stats.isDirectory() ? readEmlFolder(path) : extname(path).toLowerCase() === '.eml' ? singleFile(path) : readMbox(path);
}

/** The messages from `from` on, in pages; with a stamp, each page carries the cursor that resumes after it. */
async function* pagesOf(path: string, session: ProviderSession, from: number, stamp: FileStamp | null): AsyncGenerator<FetchPage> {
  let page = emptyPage();
  let count = 0;
  for await (const entry of entries(path)) {
    session.signal.throwIfAborted();
    count += 1;
    if (count % 50 === 0) session.progress(count, null);
    // Resuming a read cut short: what the saved pages held is skipped unread.
    if (entry.index < from) continue;
    addEntry(page, entry, path);
    if (page.raw.length + page.quarantined.length >= PAGE_SIZE) {
      yield { ...page, cursor: stamp ? ({ ...stamp, next: entry.index + 1 } satisfies MailFileCursor) : undefined };
      page = emptyPage();
    }
  }
  yield { ...page, cursor: stamp ?? undefined };
}

/** One message as a raw payload, or set aside when the file could not even be read. */
function addEntry(page: FetchPage, entry: { index: number; raw: Buffer; error?: string | null }, path: string): void {
  const ref = `${path}#${entry.index}`;
  if (typeof entry.error === 'string') page.quarantined.push({ itemId: ref, itemType: 'email', reason: entry.error });
  else page.raw.push({ kind: 'rfc822', ref, bytes: entry.raw });
}
