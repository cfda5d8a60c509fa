/**
 * The one time-zone module: wall clock <-> UTC in an IANA zone, on the Temporal API (the standard
 * polyfill until runtimes ship it), so "Friday 17:00 in Paris" is right on both sides of a DST change
 * whatever the machine's own zone is. Offline deadlines, the LLM prompt and .ics floating times use it.
 */
import { Temporal } from 'temporal-polyfill';

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
   * spring-forward night) moves forward by the jump; a repeated one (autumn) takes its first occurrence
   * (Temporal's "compatible" disambiguation, the same rule as RFC 5545 and JavaScript's Date).
   */
  toInstant(year: number, month: number, day: number, hour: number, minute: number, second?: number): number;
}

const NANOS_PER_MINUTE = 60_000_000_000;

/** True when the runtime knows the zone name. */
export function isValidTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(name);
    return true;
  } catch {
    return false;
  }
}

/** The time zone if the runtime knows it, else UTC (a bad setting must not break anything). */
export function safeTimeZone(name: string): string {
  return isValidTimeZone(name) ? name : 'UTC';
}

/** Builds a zone; unknown names fall back to UTC (the caller may flag it). */
export function createZone(name: string): Zone {
  const zoneName = safeTimeZone(name);
  const zoned = (instantMs: number) => Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(zoneName);
  return {
    name: zoneName,
    offsetAt: (instantMs) => Math.round(zoned(instantMs).offsetNanoseconds / NANOS_PER_MINUTE),
    wallAt(instantMs) {
      const z = zoned(instantMs);
      return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, weekday: z.dayOfWeek % 7 };
    },
    toInstant: (year, month, day, hour, minute, second = 0) =>
      Temporal.ZonedDateTime.from({ timeZone: zoneName, year, month, day, hour, minute, second }, { disambiguation: 'compatible', overflow: 'constrain' }).epochMilliseconds,
  };
}

/**
 * The person's wall clock at an instant, as a Date read in UTC. Date parsers told the offset is 0
 * (chrono's `timezone: 0`) then reckon "Friday 5pm" on the person's clock, not the machine's.
 */
export function wallClockAsUtc(zone: Zone, instantMs: number): Date {
  const wall = zone.wallAt(instantMs);
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

/** Adds days to a calendar date (month 1-12), returning the new date. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'constrain' }).add({ days });
  return { year: date.year, month: date.month, day: date.day };
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function pad(value: number): string {
  return String(Math.abs(value)).padStart(2, '0');
}

/** "Fri 2026-01-09 17:00 +01:00" for an ISO date in the zone, or null when unparseable. */
export function formatLocal(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return null;
  const zone = createZone(timeZone);
  const w = zone.wallAt(instant);
  const offset = zone.offsetAt(instant);
  const sign = offset < 0 ? '-' : '+';
  return `${WEEKDAY_NAMES[w.weekday]} ${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} ${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
