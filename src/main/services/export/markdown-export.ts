/** Tasks as a Markdown checklist (GitHub / CommonMark task lists). */
import type { TaskDto } from '../../../shared/models';
import type { Zone } from '../../lib/time-zone';
import { dueText, localDate } from './local-dates';

// Characters that would format, link or open HTML in a Markdown viewer: written literally.
const SPECIAL = /[\\`*_[\]<>#|~]/g;
// A line that would start a list of its own under the item ("- x", "+ x", "1. x", "1) x").
const BLOCK_START = /^(\d*)([-+.)])(?= )/;

/** Escapes text so a Markdown viewer shows it as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

function line(task: TaskDto, zone: Zone): string {
  const details: string[] = [];
  const due = dueText(task, zone);
  if (due) details.push(`due ${due}`);
  if (task.priority !== 'medium') details.push(task.priority);
  if (task.status === 'done' && task.completedAt) details.push(`done ${localDate(task.completedAt, zone)}`);
  details.push(...task.tags.map((tag) => `\\#${escapeMarkdown(tag)}`));
  const title = escapeMarkdown(task.title.replace(/\s/g, ' '));
  const head = `- [${task.status === 'done' ? 'x' : ' '}] ${title}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  const body = task.description
    .split(/\r?\n/)
    .filter((text) => text.trim() !== '')
    .map((text) => `  ${escapeMarkdown(text.trim()).replace(BLOCK_START, '$1\\$2')}`);
  return [head, ...body].join('\n');
}

/** The checklist document. */
export function tasksToMarkdown(tasks: readonly TaskDto[], zone: Zone, now: Date): string {
  const header = `# Tasks\n\nExported ${localDate(now.toISOString(), zone)} (${zone.name}), ${tasks.length} task${tasks.length === 1 ? '' : 's'}.\n`;
  return `${header}\n${tasks.map((task) => line(task, zone)).join('\n')}\n`;
}
