/**
 * Time-zone arithmetic for the prompt (item dates shown in the person's local time, with the
 * weekday, so "by Friday" resolves) and for checking the deadlines a model returns.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The time zone if the runtime knows it, else UTC (a bad setting must not break generation). */
export function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

interface LocalParts {
  weekday: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(date: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    weekday: parts.weekday ?? '',
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes to add to UTC to get local time in `timeZone` at `date`. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
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
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const p = localParts(date, timeZone);
  return `${p.weekday} ${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${offsetLabel(zoneOffsetMinutes(date, timeZone))}`;
}

/** UTC instant of a wall-clock time in `timeZone` (DST-correct for all but the skipped hour). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // A second pass fixes guesses that landed on the other side of a DST change.
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
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
    instant = zonedToUtc(year, month, day, hour, minute, second, timeZone);
  }
  const time = instant.getTime();
  if (Number.isNaN(time)) return null;
  const ref = reference.getTime();
  if (time < ref - 366 * DAY_MS || time > ref + 2 * 366 * DAY_MS) return null;
  return instant.toISOString();
}
