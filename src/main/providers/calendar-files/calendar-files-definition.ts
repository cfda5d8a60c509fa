/** A local .ics calendar, parsed offline; events inside the look-ahead window become items. */
import { extname, resolve } from 'node:path';
import { RAW_LIMITS } from '../../content/raw-item';
import { AppError } from '../../errors';
import { fileAccount, readRegularFile, stampOf, statRegularOrExplain } from '../local-file';
import type { FetchPage, ProviderDefinition, ProviderSession } from '../provider';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar files. */
export const calendarFilesProvider: ProviderDefinition = {
  type: 'calendar_files',
  label: 'Calendar file',
  kind: 'file',
  sample: 'sample.ics',
  itemType: 'calendar_event',
  defaultSettings: { syncFrequencyMinutes: 60, autoGenerate: true, lookAheadDays: 14, prepTaskHours: 24 },
  async inspectPath(path) {
    const stats = statRegularOrExplain(path, true);
    if (stats.isDirectory() || extname(path).toLowerCase() !== '.ics') throw new AppError('invalid_input', `${path} is not an .ics calendar file.`);
    if (!(await readRegularFile(path, 2000)).bytes.toString('utf8').includes('BEGIN:VCALENDAR')) throw new AppError('invalid_input', `${path} does not contain a calendar (no BEGIN:VCALENDAR).`);
    return fileAccount(path);
  },
  writeBackActions: () => [],
  createClient: () => ({
    async *fetchPages(_cursor, session) {
      yield await readCalendar(session);
    },
    async *refetch(_itemIds, session) {
      // A file has no fetch by ID: it is read again, and the sync keeps the items it was asked for.
      yield { ...(await readCalendar(session)), cursor: undefined };
    },
    async runAction(action) {
      throw new AppError('conflict', `Local calendar files are read-only; cannot ${action.kind}.`);
    },
  }),
};

/** The file as one payload: the content step expands it (in the content worker) into the window's events. */
async function readCalendar(session: ProviderSession): Promise<FetchPage> {
  const path = resolve(session.settings.path ?? '');
  const stamp = stampOf(path);
  const now = session.clock.now();
  // The window moves with time, so the file is read every sync; known occurrences are skipped.
  const window = { from: now.toISOString(), to: new Date(now.getTime() + (session.settings.lookAheadDays ?? 14) * DAY_MS).toISOString() };
  const file = await readRegularFile(path, RAW_LIMITS.ics);
  if (file.truncated) {
    return { raw: [], quarantined: [{ itemId: 'calendar', itemType: 'calendar_event', reason: 'The calendar file is larger than 20 MB, so it was not read.' }], filtered: [], withdrawn: [], cursor: stamp };
  }
  return { raw: [{ kind: 'ics', ref: path, bytes: file.bytes, window }], quarantined: [], filtered: [], withdrawn: [], cursor: stamp };
}
