/** Local mail: an .mbox file or a folder of .eml files, parsed offline with mailparser. */
import { extname, resolve } from 'node:path';
import { readEmlFolder, readMbox } from '../../content/mbox';
import { parseRfc822 } from '../../content/rfc822';
import { AppError } from '../../errors';
import { fileAccount, readRegularFile, sameStamp, stampOf, statRegularOrExplain } from '../local-file';
import type { FetchResult, ProviderDefinition, QuarantinedItem } from '../provider';
import type { EmailItem } from '../../items/provider-item';
import { recipientsIfSentBy } from '../../items/sender-key';

// One byte past the parser's limit: enough for it to quarantine an oversized message, never more.
const MAX_EML_BYTES = 25 * 1024 * 1024 + 1;

function looksLikeMbox(path: string): boolean {
  return readRegularFile(path, 5).bytes.toString('latin1') === 'From ';
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
    if (!stats.isDirectory() && extname(path).toLowerCase() !== '.eml' && !looksLikeMbox(path)) {
      throw new AppError('invalid_input', `${path} is neither an .mbox file (it should start with "From ") nor an .eml file or a folder of them.`);
    }
    return fileAccount(path);
  },
  writeBackActions: () => [],
  createClient: () => ({
    async fetchChanges(cursor, session): Promise<FetchResult> {
      const path = resolve(session.settings.path ?? '');
      const stamp = stampOf(path);
      if (sameStamp(cursor, stamp)) return { items: [], quarantined: [], filtered: [], withdrawn: [], nextCursor: stamp };
      const items: EmailItem[] = [];
      const quarantined: QuarantinedItem[] = [];
      const stats = statRegularOrExplain(path, true);
      const source = stats.isDirectory() ? readEmlFolder(path) : extname(path).toLowerCase() === '.eml' ? singleFile(path) : readMbox(path);
      let count = 0;
      let duplicates = 0;
      const idsThisPass = new Set<string>();
      // Whom the person wrote to, from every message of theirs in the file (seen before or not).
      const correspondents = new Set<string>();
      for await (const entry of source) {
        session.signal.throwIfAborted();
        const unreadable = 'error' in entry && typeof entry.error === 'string' ? entry.error : null;
        const parsed = unreadable ? ({ ok: false, reason: unreadable } as const) : await parseRfc822(entry.raw, { selfAddresses: session.selfAddresses });
        count += 1;
        if (count % 50 === 0) session.progress(count, null);
        if (!parsed.ok) {
          quarantined.push({ itemId: `${path}#${entry.index}`, itemType: 'email', reason: parsed.reason });
          continue;
        }
        // Copies of one message (same Message-ID) are one item: read once, counted in the log.
        if (idsThisPass.has(parsed.item.id)) {
          duplicates += 1;
          continue;
        }
        idsThisPass.add(parsed.item.id);
        for (const address of recipientsIfSentBy(parsed.item, session.selfAddresses)) correspondents.add(address);
        if (!session.isKnown(parsed.item.id)) items.push(parsed.item);
      }
      if (duplicates > 0) session.note(`${duplicates} message(s) repeat the Message-ID of another message and were read once.`);
      return {
        items,
        quarantined: quarantined.filter((entry) => !session.isKnown(entry.itemId)),
        filtered: [],
        withdrawn: [],
        correspondents: [...correspondents],
        nextCursor: stamp,
      };
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
  yield { index: 0, raw: readRegularFile(path, MAX_EML_BYTES).bytes };
}
