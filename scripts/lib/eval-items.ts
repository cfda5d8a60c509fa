/**
 * Eval files (docs/ARCHITECTURE.md §6) to ProviderItems. Each JSON line is validated on its own: malformed
 * JSON or a field of the wrong type stops the run with the line number, because a half-read eval
 * file gives figures nobody can trust. Optional fields may be missing or null; unknown keys are
 * ignored so richer files still load.
 */
import { z } from 'zod';
import { bodyTextFromParts } from '../../src/main/content/body-text';
import { scanItem } from '../../src/main/content/item-scan';
import type { Attendee, CalendarEventItem, EmailItem, Person, ProviderItem, SlackMessageItem } from '../../src/main/items/provider-item';

const text = z.string().nullish();
const isoDate = z
  .string()
  .nullish()
  .refine((v) => v === null || v === undefined || Number.isFinite(Date.parse(v)), 'must be an ISO 8601 date or null');
const PersonInput = z.union([z.string(), z.object({ name: text, address: z.string().optional(), email: z.string().optional() })]);
const ResponseInput = z.enum(['needsAction', 'declined', 'tentative', 'accepted']).nullish();
const AttendeeInput = z.union([
  z.string(),
  z.object({
    name: text,
    address: z.string().optional(),
    email: z.string().optional(),
    response: ResponseInput,
    responseStatus: ResponseInput,
    self: z.boolean().nullish(),
    organizer: z.boolean().nullish(),
  }),
]);

/** One line of an eval file. */
export const EvalLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  kind: z.enum(['email', 'calendar_event', 'slack_message']),
  from: PersonInput.nullish(),
  to: z.union([z.string(), z.array(PersonInput)]).nullish(),
  subject: text,
  date: isoDate,
  body: text,
  needs_action: z.boolean().nullish(),
  /** The person's own address(es); the run's selfAddresses are the union over the file and --self. */
  self: z.union([z.string(), z.array(z.string())]).nullish(),
  // Optional email extras (what the pre-filter and the engine read from headers).
  cc: z.union([z.string(), z.array(PersonInput)]).nullish(),
  labels: z.array(z.string()).nullish(),
  list_unsubscribe: text,
  precedence: text,
  auto_submitted: text,
  list_id: text,
  list_post: text,
  in_reply_to: text,
  /** Header values as a mail archive keeps them (real-mail sets); list_id / list_post count like the flat fields. */
  headers: z.object({ list_id: text, list_post: text, in_reply_to: text, message_id: text }).partial().nullish(),
  // Calendar extras.
  start: isoDate,
  end: isoDate,
  attendees: z.array(AttendeeInput).nullish(),
  location: text,
  all_day: z.boolean().nullish(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).nullish(),
  self_response: ResponseInput,
  // Slack extras.
  channel: text,
  author: text,
  /** Email: the thread's ID (messages sharing it form one thread). Slack: earlier messages, oldest first. */
  thread: z.union([z.string(), z.array(z.union([z.string(), z.object({ author: z.string(), text: z.string() })]))]).nullish(),
});

/** A validated eval line. */
export type EvalLine = z.infer<typeof EvalLineSchema>;

/** An item ready for an engine, with its label when the line has one. */
export interface EvalItem {
  line: number;
  item: ProviderItem;
  label: boolean | null;
  /** Addresses the line names as the person's own. */
  self: string[];
}

/** A line that could not be read. */
export class EvalInputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'EvalInputError';
  }
}

/** "Sam Lee <sam@x.com>", "sam@x.com" or {name, address} to a Person. */
export function parsePerson(input: z.infer<typeof PersonInput> | z.infer<typeof AttendeeInput>): Person {
  if (typeof input !== 'string') {
    return { name: input.name?.trim() || null, address: (input.address ?? input.email ?? '').trim().toLowerCase() };
  }
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(input);
  if (m) return { name: m[1]?.trim() || null, address: (m[2] ?? '').trim().toLowerCase() };
  const value = input.trim();
  return value.includes('@') ? { name: null, address: value.toLowerCase() } : { name: value || null, address: '' };
}

function people(input: string | Array<z.infer<typeof PersonInput>> | null | undefined): Person[] {
  if (!input) return [];
  // A string may list several addresses; split on commas that are outside angle brackets and quotes.
  const parts = typeof input === 'string' ? (input.match(/(?:"[^"]*"|<[^>]*>|[^,])+/g) ?? []) : input;
  return parts.map(parsePerson).filter((p) => p.address || p.name);
}

function toEmail(l: EvalLine): EmailItem {
  // The body goes through the content step a synced message goes through (quotes, signatures, flags).
  const cleaned = bodyTextFromParts({ plain: l.body ?? '', html: null });
  const body = cleaned.text;
  return {
    type: 'email',
    id: l.id,
    threadKey: typeof l.thread === 'string' && l.thread ? l.thread : null,
    date: l.date ?? null,
    link: null,
    from: l.from ? parsePerson(l.from) : { name: null, address: '' },
    to: people(l.to),
    cc: people(l.cc),
    subject: l.subject ?? '',
    snippet: body.slice(0, 200),
    bodyText: body,
    labels: l.labels ?? [],
    headers: {
      listUnsubscribe: l.list_unsubscribe ?? null,
      precedence: l.precedence ?? null,
      autoSubmitted: l.auto_submitted ?? null,
      listId: l.list_id ?? l.headers?.list_id ?? null,
      listPost: l.list_post ?? l.headers?.list_post ?? null,
      inReplyTo: l.in_reply_to ?? l.headers?.in_reply_to ?? null,
    },
    contentFlags: cleaned.flags,
  };
}

function toAttendee(input: z.infer<typeof AttendeeInput>): Attendee {
  const person = parsePerson(input);
  if (typeof input === 'string') return { ...person, responseStatus: null, self: false, organizer: false };
  return { ...person, responseStatus: input.responseStatus ?? input.response ?? null, self: input.self ?? false, organizer: input.organizer ?? false };
}

function toCalendarEvent(l: EvalLine): CalendarEventItem {
  const attendees = l.attendees ? l.attendees.map(toAttendee) : people(l.to).map((p) => ({ ...p, responseStatus: null, self: false, organizer: false }));
  const selfAttendee = attendees.find((a) => a.self);
  return {
    type: 'calendar_event',
    id: l.id,
    threadKey: null,
    date: l.date ?? null,
    link: null,
    title: l.subject ?? '',
    description: l.body ?? '',
    start: l.start ?? null,
    end: l.end ?? null,
    // A date without a time ("2025-03-10") is an all-day event, as in iCalendar.
    allDay: l.all_day ?? /^\d{4}-\d{2}-\d{2}$/.test(l.start ?? ''),
    location: l.location ?? null,
    conferenceLink: null,
    organizer: l.from ? parsePerson(l.from) : null,
    attendees,
    status: l.status ?? 'confirmed',
    selfResponse: l.self_response ?? selfAttendee?.responseStatus ?? null,
    contentFlags: [],
  };
}

function toSlackMessage(l: EvalLine): SlackMessageItem {
  const channel = (l.channel ?? '').trim();
  // No channel, "DM", "@name" or a D… conversation ID mean a direct message.
  const isDirect = !channel || /^(?:dm|im|direct|@.*)$/i.test(channel) || /^D[A-Z0-9]{4,}$/.test(channel);
  const from = l.from ? parsePerson(l.from) : null;
  // `from` may be an address or a Slack user ID; `author` is the display name.
  const authorName = l.author ?? from?.name ?? from?.address ?? 'unknown';
  const ms = l.date ? Date.parse(l.date) : NaN;
  return {
    type: 'slack_message',
    id: l.id,
    threadKey: null,
    date: l.date ?? null,
    link: null,
    channelId: channel || 'D-EVAL',
    channelName: isDirect ? 'direct message' : channel.replace(/^#/, ''),
    isDirect,
    author: { id: from?.address || from?.name || authorName, name: authorName },
    text: l.body ?? '',
    ts: Number.isFinite(ms) ? (ms / 1000).toFixed(6) : '0',
    threadTs: null,
    threadContext: (Array.isArray(l.thread) ? l.thread : []).map((t) => (typeof t === 'string' ? { author: 'someone', text: t } : t)),
    contentFlags: [],
  };
}

/** Converts one validated line to its ProviderItem. */
export function toProviderItem(line: EvalLine): ProviderItem {
  // Scanned like any synced item, so eval items carry the flags a sync would give them.
  switch (line.kind) {
    case 'email':
      return scanItem(toEmail(line));
    case 'calendar_event':
      return scanItem(toCalendarEvent(line));
    case 'slack_message':
      return scanItem(toSlackMessage(line));
  }
}

/** Parses a whole JSON Lines file; blank lines are skipped, anything else malformed throws EvalInputError. */
export function parseEvalFile(content: string): EvalItem[] {
  const out: EvalItem[] = [];
  const seen = new Set<string>();
  content.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new EvalInputError(lineNo, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const parsed = EvalLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `field "${issue.path.join('.')}"` : 'the line';
      throw new EvalInputError(lineNo, `${where}: ${issue?.message ?? 'invalid'}`);
    }
    if (seen.has(parsed.data.id)) throw new EvalInputError(lineNo, `duplicate id "${parsed.data.id}"`);
    seen.add(parsed.data.id);
    const self = parsed.data.self ?? [];
    out.push({ line: lineNo, item: toProviderItem(parsed.data), label: parsed.data.needs_action ?? null, self: typeof self === 'string' ? [self] : self });
  });
  return out;
}
