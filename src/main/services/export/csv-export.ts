/**
 * Tasks as CSV (RFC 4180: CRLF records, fields quoted when they hold a comma, quote or line break)
 * through csv-stringify, with formulas neutralised: a cell starting with = + - @ tab or CR gets a leading
 * apostrophe, so a spreadsheet shows the text instead of running it (OWASP "CSV injection").
 */
import { stringify } from 'csv-stringify/sync';
import type { TaskDto } from '../../../shared/models';
import type { Zone } from '../../lib/time-zone';
import { localDate } from './local-dates';

/** Column order of the export. */
export const CSV_COLUMNS = ['id', 'title', 'description', 'status', 'priority', 'due', 'all_day', 'tags', 'snoozed_until', 'created_at', 'completed_at', 'source'] as const;

/** The CSV document, header first. */
export function tasksToCsv(tasks: readonly TaskDto[], zone: Zone): string {
  const records = tasks.map((task) => [
    String(task.id),
    task.title,
    task.description,
    task.status,
    task.priority,
    task.dueAt ? (task.dueAllDay ? localDate(task.dueAt, zone) : task.dueAt) : '',
    task.dueAllDay ? 'true' : 'false',
    task.tags.join(', '),
    task.snoozedUntil ?? '',
    task.createdAt,
    task.completedAt ?? '',
    task.source ? task.source.label : '',
  ]);
  return stringify(records, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', escape_formulas: true });
}
