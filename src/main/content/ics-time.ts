/**
 * ical.js times to UTC, deterministically: zones defined in the file (VTIMEZONE) go through
 * ical.js; floating times and TZIDs the file does not define go through Intl with the IANA name,
 * or the configured zone, never the machine's own zone.
 */
import ICAL from 'ical.js';

type Time = InstanceType<typeof ICAL.Time>;

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  if (FORMATTERS.has(zone)) return FORMATTERS.get(zone)!;
  let result: Intl.DateTimeFormat | null = null;
  try {
    result = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    result = null;
  }
  if (FORMATTERS.size < 500) FORMATTERS.set(zone, result);
  return result;
}

/** True when Intl knows this time zone name. */
export function isKnownZone(zone: string): boolean {
  return formatter(zone) !== null;
}

// Offset of `zone` from UTC at instant `ms`, in milliseconds.
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Epoch ms of a wall-clock time in an IANA zone (UTC when the zone is unknown). */
export function wallTimeToEpoch(fields: { year: number; month: number; day: number; hour: number; minute: number; second: number }, zone: string): number {
  const guess = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  const format = formatter(zone);
  if (!format) return guess;
  // Two passes settle the offset across a DST change.
  const first = guess - offsetAt(format, guess);
  return guess - offsetAt(format, first);
}

/** Epoch ms of an ical.js time; `tzid` is the TZID parameter when the file did not define that zone. */
export function timeToEpoch(time: Time, tzid: string | null, fallbackZone: string): number {
  if (time.isDate) return Date.UTC(time.year, time.month - 1, time.day);
  const zone = time.zone;
  const floating = !zone || zone === ICAL.Timezone.localTimezone || zone.tzid === 'floating';
  if (!floating) return time.toUnixTime() * 1000;
  const name = tzid && isKnownZone(tzid) ? tzid : fallbackZone;
  return wallTimeToEpoch(time, name);
}

/** ISO string of epoch ms, or null when it is not a valid date. */
export function isoOf(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Compact UTC stamp for occurrence IDs ("20260105T090000Z", or "20260105" for all-day). */
export function stampOf(ms: number, allDay: boolean): string {
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10).replace(/-/g, '');
  return allDay ? day : `${day}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
}
