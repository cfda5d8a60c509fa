/**
 * When a snooze ends, on the person's clock: "later today", "tomorrow morning", "next week" or a moment
 * they picked. Resolved in main with the app's clock and the zone from Settings, so the renderer's own
 * clock (and a test's manual clock) never disagree with what is stored.
 */
import type { SnoozePreset } from '../../shared/models';
import { addDays, type Zone } from '../lib/time-zone';
import { AppError } from '../errors';

const HOUR = 3_600_000;
const MORNING = 9;

/** The end of a snooze as an ISO instant, or null to end the snooze now. Refuses a moment already past. */
export function resolveSnoozeUntil(until: SnoozePreset | string | null, now: Date, zone: Zone): string | null {
  if (until === null) return null;
  const nowMs = now.getTime();
  const today = zone.wallAt(nowMs);
  const morningAfter = (days: number) => {
    const day = addDays(today.year, today.month, today.day, days);
    return zone.toInstant(day.year, day.month, day.day, MORNING, 0);
  };
  let at: number;
  switch (until) {
    case 'later_today':
      // Three hours on, at the top of the hour.
      at = Math.ceil((nowMs + 3 * HOUR) / HOUR) * HOUR;
      break;
    case 'tomorrow_morning':
      at = morningAfter(1);
      break;
    case 'next_week':
      // Monday morning of next week (a Monday snoozes a full week).
      at = morningAfter(((8 - today.weekday) % 7) || 7);
      break;
    default:
      at = Date.parse(until);
  }
  if (!(at > nowMs)) throw new AppError('invalid_input', 'Pick a time in the future to snooze until.');
  return new Date(at).toISOString();
}
