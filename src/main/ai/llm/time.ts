/**
 * Time-zone arithmetic for the prompt (item dates shown in the person's local time, with the
 * weekday, so "by Friday" resolves) and for checking the deadlines a model returns.
 */

import { createZone, isValidTimeZone } from '../time-zone';

const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The time zone if the runtime knows it, else UTC (a bad setting must not break generation). */
export function safeTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

function offsetLabel(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** "Fri 2026-01-09 17:00 +01:00" for an ISO date in the person's zone, or null when unparseable. */
export function formatLocal(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return null;
  const zone = createZone(timeZone);
  const p = zone.wallAt(instant);
  return `${WEEKDAY_NAMES[p.weekday]} ${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${offsetLabel(zone.offsetAt(instant))}`;
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
