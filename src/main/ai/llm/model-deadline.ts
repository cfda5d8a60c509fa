/**
 * Checks the deadlines a model returns: ISO 8601 only, read in the person's zone when they carry no
 * offset, and within a plausible window of the item's date.
 */
import { createZone } from '../../lib/time-zone';

const DAY_MS = 86_400_000;

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Validates a model's deadline: ISO 8601 only, resolved in the person's zone when it has no offset
 * (a bare date means the end of that working day, 17:00), and within -1..+2 years of `reference`.
 * Returns UTC ISO, or null for anything else.
 */
export function resolveDeadline(raw: unknown, reference: Date, timeZone: string): string | null {
  if (typeof raw !== 'string') return null;
  const match = ISO_SHAPE.exec(raw.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 17 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls Feb 30 over to March; reject instead of guessing.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  let instant: Date;
  if (zone) {
    const iso = `${y}-${mo}-${d}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
    instant = new Date(iso);
  } else {
    instant = new Date(createZone(timeZone).toInstant(year, month, day, hour, minute) + second * 1000);
  }
  const time = instant.getTime();
  if (Number.isNaN(time)) return null;
  const ref = reference.getTime();
  if (time < ref - 366 * DAY_MS || time > ref + 2 * 366 * DAY_MS) return null;
  return instant.toISOString();
}
