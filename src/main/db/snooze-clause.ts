/** The SQL condition of a snooze view, shared by every list and search query. */
import type { SnoozeView } from '../../shared/models';

/**
 * `exclude`: rows not snoozed or whose snooze has ended; `only`: rows snoozed until later; `include`: all
 * (null). A non-null clause takes the current time as its one parameter.
 */
export function snoozeClause(view: SnoozeView, column: string): string | null {
  if (view === 'exclude') return `(${column} IS NULL OR ${column} <= ?)`;
  if (view === 'only') return `${column} > ?`;
  return null;
}
