/**
 * Reading .ics text into ical.js components: the whole file at once, or, when it does not parse,
 * block by block (each broken VEVENT quarantined with its reason, the rest still read).
 */
import ICAL from 'ical.js';

/** An ical.js component. */
export type Component = InstanceType<typeof ICAL.Component>;

/** An event that could not be read, and why. */
export interface Quarantined {
  id: string;
  reason: string;
}

/** An error's message, cut to a length a reason can carry. */
export function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

/** The VCALENDAR roots of `text` (throws when it does not parse). */
export function parseRoots(text: string): Component[] {
  const jcal = ICAL.parse(text) as unknown[];
  const list = Array.isArray(jcal[0]) ? (jcal as unknown[][]) : [jcal];
  return list.map((root) => new ICAL.Component(root as unknown[]));
}

function uidOfBlock(lines: readonly string[]): string | null {
  const line = lines.find((candidate) => /^UID[;:]/i.test(candidate));
  return line ? line.slice(line.indexOf(':') + 1).trim() || null : null;
}

const TOO_LONG = 'The event was skipped: the calendar took too long to read, so this event was skipped.';

/**
 * Fallback when the file as a whole does not parse: each VTIMEZONE and VEVENT is checked alone,
 * the broken ones quarantined, and the good ones parsed together once (each zone read once, not
 * once per event). Work stops at `deadline`; the events not reached yet are quarantined.
 */
export function parseBlocks(text: string, quarantined: Quarantined[], deadline: number): Component[] {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const zones: string[][] = [];
  const events: string[][] = [];
  let depth = 0;
  let block: string[] | null = null;
  for (const line of lines) {
    const begin = /^BEGIN:(\S+)/i.exec(line)?.[1]?.toUpperCase();
    const end = /^END:(\S+)/i.exec(line)?.[1]?.toUpperCase();
    if (begin) {
      depth++;
      if (depth === 2 && (begin === 'VEVENT' || begin === 'VTIMEZONE')) (begin === 'VEVENT' ? events : zones).push((block = []));
    }
    block?.push(line);
    if (end) {
      if (depth === 2) block = null;
      depth = Math.max(0, depth - 1);
    }
  }
  const wrap = (parts: string[][]): string => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...parts.flat(), 'END:VCALENDAR', ''].join('\r\n');
  const parses = (block: string[]): true | Error => {
    try {
      ICAL.parse(wrap([block]));
      return true;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const goodZones = zones.filter((zone) => Date.now() <= deadline && parses(zone) === true);
  const goodEvents: string[][] = [];
  events.forEach((event, index) => {
    const id = uidOfBlock(event) ?? `event-${index + 1}`;
    if (Date.now() > deadline) return void quarantined.push({ id, reason: TOO_LONG });
    const result = parses(event);
    if (result === true) goodEvents.push(event);
    else quarantined.push({ id, reason: `The event could not be read: ${message(result)}` });
  });
  try {
    return parseRoots(wrap([...goodZones, ...goodEvents]));
  } catch {
    // Parts that parse alone should parse together; if not, the events are read without the zones.
    return goodEvents.flatMap((event) => {
      try {
        return parseRoots(wrap([event]));
      } catch {
        return [];
      }
    });
  }
}
