/**
 * ical.js times to UTC, deterministically: zones defined in the file (VTIMEZONE) go through ical.js;
 * floating times and TZIDs the file does not define go through lib/time-zone with the IANA name, or
 * the configured zone, never the machine's own zone.
 */
import ICAL from 'ical.js';
import { createZone, isValidTimeZone } from '../lib/time-zone';

type Time = InstanceType<typeof ICAL.Time>;

/** Epoch ms of a wall-clock time in an IANA zone (UTC when the zone is unknown). */
function wallTimeToEpoch(fields: { year: number; month: number; day: number; hour: number; minute: number; second: number }, zone: string): number {
  return createZone(zone).toInstant(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second);
}

/** Epoch ms of an ical.js time; `tzid` is the TZID parameter when the file did not define that zone. */
export function timeToEpoch(time: Time, tzid: string | null, fallbackZone: string): number {
  if (time.isDate) return Date.UTC(time.year, time.month - 1, time.day);
  const zone = time.zone;
  const floating = !zone || zone === ICAL.Timezone.localTimezone || zone.tzid === 'floating';
  if (!floating) return time.toUnixTime() * 1000;
  const name = tzid && isValidTimeZone(tzid) ? tzid : fallbackZone;
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
