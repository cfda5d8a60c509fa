/** Task dates as a person reads them in their zone, for exports. */
import type { TaskDto } from '../../../shared/models';
import type { Zone } from '../../lib/time-zone';

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD` of an instant on the zone's clock. */
export function localDate(iso: string, zone: Zone): string {
  const wall = zone.wallAt(Date.parse(iso));
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `YYYY-MM-DD HH:mm` of an instant on the zone's clock. */
export function localDateTime(iso: string, zone: Zone): string {
  const wall = zone.wallAt(Date.parse(iso));
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** A task's due date for people: the day alone for all-day tasks, else day and time. */
export function dueText(task: TaskDto, zone: Zone): string | null {
  if (!task.dueAt) return null;
  return task.dueAllDay ? localDate(task.dueAt, zone) : localDateTime(task.dueAt, zone);
}
