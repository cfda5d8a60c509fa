/**
 * Deadline extraction: chrono-node reads the phrase, and the result is resolved against the item's
 * own date on the person's clock (their IANA zone), so "by Friday 5pm" in a mail sent on Wednesday
 * means that Friday at 17:00 where the person lives.
 *
 * Rules, in order:
 * - a phrase with a time ("Friday 5pm", "noon tomorrow") keeps it; an explicit zone ("3pm EST") wins
 *   over the person's zone;
 * - a date without a time ("by Friday", "March 10", "tomorrow") means the end of that working day,
 *   17:00 local; "morning" means 09:00;
 * - "EOD", "end of day", "COB" mean 17:00 local on the reference day (the next day when the message
 *   was sent after 17:00); "EOW", "end of the week" mean Friday 17:00; "end of the month" its last day;
 * - a month or week alone ("in March", "next week") is too vague and gives no deadline; neither does
 *   anything not after the reference instant.
 */
// The English parser only: the package root also loads every other locale (about 4x the start-up).
import * as chrono from 'chrono-node/en';
import { addDays, wallClockAsUtc, type Zone } from '../../lib/time-zone';

/** A deadline found in text. */
export interface FoundDeadline {
  /** UTC ISO 8601. */
  iso: string;
  /** The words it came from (the title drops them: "Review X by Friday" -> "Review X"). */
  phrases: string[];
}

const END_OF_DAY = 17;
const DEADLINE_LEAD_RE =
  /\b(?:by|before|until|till|due(?: on| by)?|no later than|not later than|deadline(?: is)?|eod|cob|end of (?:the )?(?:business )?day)\s*(?:,\s*)?(?:the\s+)?$/i;
// A date after "for", "to", "from"... names what the request is about ("PTO for March 20",
// "move it to Thursday"), not when it is due.
const NOT_DEADLINE_LEAD_RE = /\b(?:for|to|from|since|after|of|last|about|during)\s+(?:the\s+|this\s+|next\s+)?$/i;
const EOD_RE = /\b(?:by\s+)?(?:eod|cob|eob|end of (?:the )?(?:business )?day|close of business|end of business)\b/i;
const EOW_RE = /\b(?:by\s+)?(?:eow|end of (?:the|this) week)\b/i;
const EOM_RE = /\b(?:by\s+)?(?:eom|end of (?:the|this) month)\b/i;
// chrono reads "the week" in "end of the week" as "in a week", bare durations ("12 months",
// "5 min", "the minutes") as offsets from now, and pushes "yesterday" a year ahead when told to look
// forward; none of them is a deadline.
const VAGUE_RE = /^(?:the|this|next)?\s*(?:week|month|year|weekend)$/i;
const DATE_HINT_RE =
  /\d|\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|weds|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|tonight|tomorrow|tmrw|noon|midnight|morning|afternoon|evening|night|week|month|year|eod|cob|eob|eow|eom|end of|close of|hours?|days?|minutes?)\b/i;
const PAST_RE = /\b(?:yesterday|last|ago|earlier|previous|past)\b/i;
const DURATION_RE = /^(?:(?:the|a|an|\d+|[a-z]+)\s+)?(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?)$/i;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Fixed-rule phrases chrono does not know (EOD, EOW, end of the month). */
function fixedPhrase(sentence: string, zone: Zone, refMs: number): FoundDeadline | null {
  const wall = zone.wallAt(refMs);
  const eod = EOD_RE.exec(sentence);
  if (eod) {
    let at = zone.toInstant(wall.year, wall.month, wall.day, END_OF_DAY, 0);
    if (at <= refMs) {
      const next = addDays(wall.year, wall.month, wall.day, 1);
      at = zone.toInstant(next.year, next.month, next.day, END_OF_DAY, 0);
    }
    return { iso: iso(at), phrases: [eod[0]] };
  }
  const eow = EOW_RE.exec(sentence);
  if (eow) {
    // Friday of this week; from Friday evening on, the next one.
    let ahead = (5 - wall.weekday + 7) % 7;
    let d = addDays(wall.year, wall.month, wall.day, ahead);
    if (zone.toInstant(d.year, d.month, d.day, END_OF_DAY, 0) <= refMs) {
      ahead += 7;
      d = addDays(wall.year, wall.month, wall.day, ahead);
    }
    return { iso: iso(zone.toInstant(d.year, d.month, d.day, END_OF_DAY, 0)), phrases: [eow[0]] };
  }
  const eom = EOM_RE.exec(sentence);
  if (eom) {
    const last = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
    return { iso: iso(zone.toInstant(wall.year, wall.month, last, END_OF_DAY, 0)), phrases: [eom[0]] };
  }
  return null;
}

/** Resolves one chrono result on the zone's clock; null when too vague or not in the future. */
function resolveResult(result: chrono.ParsedResult, zone: Zone, refMs: number): number | null {
  const c = result.start;
  const relative = result.tags().has('result/relativeDate');
  if (!c.isCertain('day') && !c.isCertain('weekday') && !c.isCertain('hour') && !relative) return null;
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (year === null || month === null || day === null) return null;
  let hour = c.get('hour') ?? END_OF_DAY;
  let minute = c.get('minute') ?? 0;
  // "at 2" with no am/pm is a working-hours 2 pm, not 2 am.
  if (c.isCertain('hour') && !c.isCertain('meridiem') && hour >= 1 && hour < 7 && !/\b0\d[:.h]\d\d/.test(result.text)) hour += 12;
  if (!c.isCertain('hour')) {
    const tags = result.tags();
    if (tags.has('casualReference/morning')) hour = 9;
    else if (!tags.has('casualReference/tonight') && !tags.has('casualReference/evening')) hour = END_OF_DAY;
    minute = 0;
  }
  let at: number;
  // chrono marks its own offset certain on "in 2 hours"; only a zone written in the text counts.
  if (c.isCertain('timezoneOffset') && c.get('timezoneOffset') !== null && !relative) {
    // The sender named a zone ("3pm EST"): the wall time is in that offset, not the person's zone.
    at = Date.UTC(year, month - 1, day, hour, minute) - (c.get('timezoneOffset') ?? 0) * 60000;
  } else {
    at = zone.toInstant(year, month, day, hour, minute);
  }
  return at > refMs ? at : null;
}

/** Longest sentence read for a deadline (a real one is far shorter). */
const MAX_SENTENCE = 400;

/**
 * The deadline named in a sentence, or null. `reference` is the item's date (or "now"); chrono sees
 * it as the person's wall clock, so weekdays and "tomorrow" are counted in their zone.
 */
export function findDeadline(text: string, zone: Zone, reference: Date): FoundDeadline | null {
  // chrono's many patterns cost time per character: a run-on "sentence" of hostile text is cut.
  const sentence = text.length > MAX_SENTENCE ? text.slice(0, MAX_SENTENCE) : text;
  const refMs = reference.getTime();
  // chrono is the slow part of the engine: skip sentences with nothing date-like in them.
  if (!Number.isFinite(refMs) || !DATE_HINT_RE.test(sentence)) return null;
  const disguised = wallClockAsUtc(zone, refMs);
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(sentence, { instant: disguised, timezone: 0 }, { forwardDate: true });
  } catch {
    results = [];
  }
  const usable = results.filter((r) => {
    const before = sentence.slice(0, r.index);
    const t = r.text.trim();
    return !VAGUE_RE.test(t) && !DURATION_RE.test(t) && !PAST_RE.test(t) && !NOT_DEADLINE_LEAD_RE.test(before);
  });
  const led = usable.filter((r) => DEADLINE_LEAD_RE.test(sentence.slice(0, r.index)));
  // Order: a date introduced by "by"/"before"/"due", then EOD/EOW words, then any other date named.
  for (const result of led) {
    const found = toFound(result, sentence, zone, refMs);
    if (found) return found;
  }
  const fixed = fixedPhrase(sentence, zone, refMs);
  if (fixed) return fixed;
  for (const result of usable.filter((r) => !led.includes(r))) {
    const found = toFound(result, sentence, zone, refMs);
    if (found) return found;
  }
  return null;
}

function toFound(result: chrono.ParsedResult, sentence: string, zone: Zone, refMs: number): FoundDeadline | null {
  const at = resolveResult(result, zone, refMs);
  if (at === null) return null;
  const lead = /\b(?:by|before|until|till|due|no later than|on)\s+(?:the\s+)?$/i.exec(sentence.slice(0, result.index));
  const phrases = [`${lead ? lead[0] : ''}${result.text}`.trim()];
  // "end of day Friday": chrono saw "Friday" (17:00 already); the EOD words go from the title too.
  const eod = EOD_RE.exec(sentence);
  if (eod) phrases.push(eod[0]);
  return { iso: iso(at), phrases };
}
