/**
 * Wall-clock <-> UTC in an IANA time zone with nothing but Intl, so "Friday 17:00 in Paris" is right
 * on both sides of a DST change whatever the machine's own zone is.
 */

/** A local date and time (month 1-12), as read on a clock in the zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** Conversions for one time zone. */
export interface Zone {
  readonly name: string;
  /** Offset from UTC in minutes at an instant (e.g. +60 for Paris in winter). */
  offsetAt(instantMs: number): number;
  /** The zone's clock at an instant. */
  wallAt(instantMs: number): WallTime;
  /**
   * The instant a zone's clock shows this local time. A time skipped by a DST jump (02:30 on the
   * spring-forward night) moves forward by the jump; a repeated one (autumn) takes its first occurrence.
   */
  toInstant(year: number, month: number, day: number, hour: number, minute: number): number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** True when Intl knows the zone name. */
export function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Builds a zone; unknown names fall back to UTC (the caller may flag it). */
export function createZone(name: string): Zone {
  const zoneName = isValidTimeZone(name) ? name : 'UTC';
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zoneName,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const intlWall = (instantMs: number): WallTime & { second: number } => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(instantMs))) parts[p.type] = p.value;
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour) % 24,
      minute: Number(parts.minute),
      second: Number(parts.second),
      weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
    };
  };
  // Intl is slow; offsets only change on quarter-hour boundaries, so one lookup per quarter hour.
  const offsets = new Map<number, number>();
  const offsetAt = (instantMs: number): number => {
    const bucket = Math.floor(instantMs / 900_000);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const w = intlWall(bucket * 900_000);
      offset = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - bucket * 900_000) / 60000);
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  };
  const wallAt = (instantMs: number): WallTime => {
    const d = new Date(instantMs + offsetAt(instantMs) * 60000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      weekday: d.getUTCDay(),
    };
  };
  const toInstant = (year: number, month: number, day: number, hour: number, minute: number): number => {
    const naive = Date.UTC(year, month - 1, day, hour, minute);
    // The offsets a day before and after bracket any DST change near this time.
    const before = naive - offsetAt(naive - 86_400_000) * 60000;
    const after = naive - offsetAt(naive + 86_400_000) * 60000;
    const matches = [before, after].filter((t) => {
      const w = wallAt(t);
      return w.day === day && w.hour === hour && w.minute === minute;
    });
    // Repeated hour: both readings match, take the earlier. Skipped hour: none does; reading the time
    // with the pre-change offset lands just past the gap.
    return matches.length ? Math.min(...matches) : before;
  };
  return { name: zoneName, offsetAt, wallAt, toInstant };
}

/** Adds days to a calendar date (month 1-12), returning the new date. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
