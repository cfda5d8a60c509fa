/**
 * One line of natural language -> a task draft: "Pay rent on the 1st #home !high" is "Pay rent", due
 * on the 1st (all day), tagged home, high priority. Dates are read by chrono-node on the person's clock
 * in their zone (Settings), looking forward: "fri 3pm" is the coming Friday at 15:00 where they live.
 * A date without a time is an all-day task (00:00 of that day; its reminder comes at 9:00).
 */
import * as chrono from 'chrono-node';
import type { Priority, QuickAddDraft } from '../../shared/models';
import { wallClockAsUtc, type Zone } from '../lib/time-zone';

const PRIORITY_WORDS: Record<string, Priority> = {
  '!low': 'low',
  '!medium': 'medium',
  '!normal': 'medium',
  '!high': 'high',
  '!urgent': 'urgent',
  '!1': 'urgent',
  '!2': 'high',
  '!3': 'medium',
  '!4': 'low',
};
const TAG = /^#([\p{L}\p{N}_-]{1,50})$/u;
// Words that only introduce the date ("on the 1st", "by Friday", "due tomorrow") leave the title with it.
// The text was rejoined with single spaces, so one space is all there is to match.
const DATE_LEAD = / (?:on|by|at|due|before|until|for)$/i;
const MAX_TITLE = 300;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** chrono's English parser plus "the 1st" alone (a day of this month, or the next if it has passed). */
function createDateParser(): chrono.Chrono {
  const parser = chrono.casual.clone();
  parser.parsers.push({
    pattern: () => /\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/i,
    extract: (context, match) => {
      const day = Number(match[1]);
      if (day < 1 || day > 31) return null;
      const today = context.reference.getDateWithAdjustedTimezone();
      let year = today.getUTCFullYear();
      let month = today.getUTCMonth() + 1;
      if (day < today.getUTCDate()) month += 1;
      // "the 31st" in a 30-day month is the next month that has one.
      while (month > 12 || day > daysIn(year, month)) {
        if (month > 12) {
          month = 1;
          year += 1;
        } else month += 1;
      }
      const components = context.createParsingComponents({ day });
      components.imply('month', month);
      components.imply('year', year);
      return components;
    },
  });
  return parser;
}

const dateParser = createDateParser();

/** Reads the due date of a text; returns it and the text without the date words. */
function readDate(text: string, zone: Zone, now: Date): { dueAt: string; allDay: boolean; dateText: string; rest: string } | null {
  const disguised = wallClockAsUtc(zone, now.getTime());
  let results: chrono.ParsedResult[];
  try {
    results = dateParser.parse(text, { instant: disguised, timezone: 0 }, { forwardDate: true });
  } catch {
    return null;
  }
  for (const result of results) {
    const c = result.start;
    const year = c.get('year');
    const month = c.get('month');
    const day = c.get('day');
    if (year === null || month === null || day === null) continue;
    const timed = c.isCertain('hour');
    let at: number;
    if (timed && c.isCertain('timezoneOffset') && !result.tags().has('result/relativeDate')) {
      // A zone written in the text ("3pm EST") wins over the person's.
      at = Date.UTC(year, month - 1, day, c.get('hour') ?? 0, c.get('minute') ?? 0) - (c.get('timezoneOffset') ?? 0) * 60_000;
    } else {
      at = zone.toInstant(year, month, day, timed ? (c.get('hour') ?? 0) : 0, timed ? (c.get('minute') ?? 0) : 0);
    }
    const before = text.slice(0, result.index).trimEnd().replace(DATE_LEAD, '');
    const after = text.slice(result.index + result.text.length);
    return { dueAt: new Date(at).toISOString(), allDay: !timed, dateText: result.text, rest: `${before} ${after}` };
  }
  return null;
}

/** The task a line describes, or null when it names nothing to do (only tags, say). */
export function parseQuickAdd(line: string, zone: Zone, now: Date): QuickAddDraft | null {
  const tags: string[] = [];
  let priority: Priority = 'medium';
  const words: string[] = [];
  for (const word of line.trim().split(/\s+/)) {
    const lower = word.toLowerCase();
    const tag = TAG.exec(word);
    if (tag) {
      if (!tags.includes(tag[1]!) && tags.length < 20) tags.push(tag[1]!);
    } else if (PRIORITY_WORDS[lower]) {
      priority = PRIORITY_WORDS[lower];
    } else if (word !== '') {
      words.push(word);
    }
  }
  let text = words.join(' ');
  const date = readDate(text, zone, now);
  if (date) text = date.rest;
  const title = text.split(/\s+/).filter(Boolean).join(' ').slice(0, MAX_TITLE);
  if (title === '') return null;
  return { title, dueAt: date?.dueAt ?? null, dueAllDay: date?.allDay ?? false, priority, tags, dateText: date?.dateText ?? null };
}
