/** A local .ics calendar, parsed offline; events inside the look-ahead window become items. */
import { extname, resolve } from 'node:path';
import { MAX_ICS_BYTES, parseIcs } from '../../content/ics';
import { AppError } from '../../errors';
import { fileAccount, readRegularFile, stampOf, statRegularOrExplain } from '../local-file';
import type { FetchResult, ProviderDefinition } from '../provider';

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
    if (!readRegularFile(path, 2000).bytes.toString('utf8').includes('BEGIN:VCALENDAR')) throw new AppError('invalid_input', `${path} does not contain a calendar (no BEGIN:VCALENDAR).`);
    return fileAccount(path);
  },
  writeBackActions: () => [],
  createClient: () => ({
    async fetchChanges(_cursor, session): Promise<FetchResult> {
      const path = resolve(session.settings.path ?? '');
      const stamp = stampOf(path);
      const now = session.clock.now();
      // The window moves with time, so the file is read every sync; known occurrences are skipped.
      const window = { from: now, to: new Date(now.getTime() + (session.settings.lookAheadDays ?? 14) * DAY_MS) };
      const file = readRegularFile(path, MAX_ICS_BYTES);
      if (file.truncated) {
        return { items: [], quarantined: [{ itemId: 'calendar', itemType: 'calendar_event', reason: 'The calendar file is larger than 20 MB, so it was not read.' }], filtered: [], withdrawn: [], nextCursor: stamp };
      }
      const { events, quarantined } = parseIcs(file.bytes.toString('utf8'), window, { selfAddresses: session.selfAddresses });
      return {
        items: events.filter((event) => event.status !== 'cancelled' && !session.isKnown(event.id)),
        quarantined: quarantined.filter((entry) => !session.isKnown(entry.id)).map((entry) => ({ itemId: entry.id, itemType: 'calendar_event' as const, reason: entry.reason })),
        filtered: [],
        withdrawn: events.filter((event) => event.status === 'cancelled').map((event) => event.id),
        nextCursor: stamp,
      };
    },
    async runAction(action) {
      throw new AppError('conflict', `Local calendar files are read-only; cannot ${action.kind}.`);
    },
  }),
};
