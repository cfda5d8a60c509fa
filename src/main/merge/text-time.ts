/**
 * When an item's own words say its commitment happens ("can you bring the numbers to the design crit?
 * it's Thursday at 9:30pm", "Invitation: Q3 planning @ Mon Mar 9, 2026 11am"), for a suggestion whose
 * engine read no deadline: a chat reminder names the meeting's time without asking for anything by it.
 * Read on the person's clock (or in the zone the text names), past or future alike: the similarity
 * compares it with other items' times, it is never a due date. Untrusted text: only its start is read.
 */
// The English parser only: the package root also loads every other locale (about 4x the start-up).
import * as chrono from 'chrono-node/en';
import { wallClockAsUtc, type Zone } from '../lib/time-zone';

/** Most characters read (a reminder names its time early; chrono's cost grows with the text). */
const MAX_TEXT = 200;
/** A day named without a time ("Thursday") stands for its middle: the closest guess to any hour of it. */
const MIDDAY = 12;
/** chrono is costly: a text with nothing date-like in it is not handed to it. */
const DATE_HINT = /\d|\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|today|tonight|tomorrow|noon|midnight)/i;

/** The instant the first date or time named in `text` stands for, or null when it names none (or only a vague one). */
export function timeNamedIn(text: string, zone: Zone, reference: number): number | null {
  const sentence = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  if (!Number.isFinite(reference) || !DATE_HINT.test(sentence)) return null;
  const disguised = wallClockAsUtc(zone, reference);
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(sentence, { instant: disguised, timezone: 0 }, { forwardDate: true });
  } catch {
    return null;
  }
  for (const result of results) {
    const start = result.start;
    // "in March", "next week", "2 hours": no day and no hour said, so nothing to compare.
    if (!start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('hour') && !result.tags().has('result/relativeDate')) continue;
    const [year, month, day] = [start.get('year'), start.get('month'), start.get('day')];
    if (year === null || month === null || day === null) continue;
    const hour = start.isCertain('hour') ? (start.get('hour') ?? MIDDAY) : MIDDAY;
    const minute = start.isCertain('hour') ? (start.get('minute') ?? 0) : 0;
    // chrono marks its own offset certain on "in 2 hours": only a zone written in the text counts.
    const offset = start.isCertain('timezoneOffset') && !result.tags().has('result/relativeDate') ? start.get('timezoneOffset') : null;
    // A zone the text names ("3pm PT") wins over the person's.
    return offset !== null ? Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000 : zone.toInstant(year, month, day, hour, minute);
  }
  return null;
}

/** Texts that run each of chrono's English parsers at least twice. */
const WARM_UP_TEXTS = [
  "it's Thursday at 9:30pm",
  'are we still on for tomorrow at 3pm PST?',
  'Invitation: Q3 planning @ Wed Mar 11, 2026 11am - 12pm (UK time)',
  'see you 12/5 at 15:00, or on the 3rd of May from 10 to 11 next Friday',
  'mon tue wed thu fri sat sun today tonight noon midnight in 2 hours 2026-01-01T10:00',
];

/**
 * Runs the reader over a few texts once, at start-up: V8 compiles chrono's many regular expressions
 * on their first runs, which cost over 100 ms in the first sync's page transaction, on the main
 * thread. Paid here, before any request is answered, it is not paid while a sync holds the database.
 */
export function warmTimeReader(zone: Zone): void {
  for (let round = 0; round < 2; round += 1) for (const text of WARM_UP_TEXTS) timeNamedIn(text, zone, Date.UTC(2026, 0, 5, 9));
}
