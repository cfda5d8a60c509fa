/** `export:tasks`: the current task list (filter and query applied) in the format asked for. */
import type { ChannelResult } from '../../../shared/ipc-contract';
import type { ExportFormat, TaskDto } from '../../../shared/models';
import type { Zone } from '../../lib/time-zone';
import { tasksToCsv } from './csv-export';
import { tasksToIcs } from './ics-export';
import { localDate } from './local-dates';
import { tasksToMarkdown } from './markdown-export';

const FILES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  markdown: { extension: 'md', mimeType: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', mimeType: 'text/csv; charset=utf-8' },
  json: { extension: 'json', mimeType: 'application/json' },
  ics: { extension: 'ics', mimeType: 'text/calendar; charset=utf-8' },
};

/** What an export holds besides the tasks themselves. */
export interface ExportContext {
  zone: Zone;
  now: Date;
}

/** Writes tasks in a format; the file name carries the date of the export. */
export function exportTasks(format: ExportFormat, tasks: readonly TaskDto[], context: ExportContext): ChannelResult<'export:tasks'> {
  const { zone, now } = context;
  // Search marks describe a screen, not a task: they stay out of every file.
  const plain = tasks.map(({ highlights: _highlights, ...task }) => task);
  let content: string;
  switch (format) {
    case 'markdown':
      content = tasksToMarkdown(plain, zone, now);
      break;
    case 'csv':
      content = tasksToCsv(plain, zone);
      break;
    case 'json':
      content = `${JSON.stringify({ format: 'provider-tasks.tasks', version: 1, exportedAt: now.toISOString(), timeZone: zone.name, tasks: plain }, null, 2)}\n`;
      break;
    case 'ics':
      content = tasksToIcs(plain, zone, now);
      break;
  }
  const { extension, mimeType } = FILES[format];
  return { filename: `tasks-${localDate(now.toISOString(), zone)}.${extension}`, mimeType, content };
}
