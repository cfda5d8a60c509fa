/**
 * Calendar verdicts: an event becomes a preparation task only when preparing is plausible (an
 * agenda, a document or deck, an interview or demo, or the person organises a meeting with others),
 * never for cancelled or declined events, all-day absences and holidays, or events already begun.
 * The task is due `prepTaskHours` before the start (at the start when that moment has passed).
 */
import type { GeneratedSuggestion } from '../types';
import type { CalendarEventItem } from '../../items/provider-item';
import { clip, priorityOf, tagsOf } from './describe';
import { roundConfidence, type JudgeContext } from './judge-context';
import type { Zone } from '../../lib/time-zone';

const HOUR = 3_600_000;
/** Attendees beyond which the person is one of a crowd. */
const CROWD = 25;
const ABSENCE_RE =
  /\b(?:holiday|holidays|ooo|out of (?:the )?office|vacation|pto|annual leave|leave|day off|off work|sick|bank holiday|birthday|anniversary|wfh|working from home|public holiday|parental leave|time off)\b/i;
/** Cues that something must be read, made or rehearsed before the event. */
const STRONG_RE =
  /\b(?:agenda|pre-?read(?:s|ing)?|prep(?:are|aration)?|slides?|deck|presentation|present(?:ing)?|demo|interview(?:ing)?|proposal|pitch|report|review|board meeting|qbr|come prepared|read (?:before|ahead)|please read|bring|questions? in advance|talking points|budget|contract|negotiation|performance review|appraisal)\b|\b(?:docs\.google\.com|sharepoint|dropbox\.com|notion\.so)\b|\.(?:pdf|pptx?|docx?|xlsx?)\b/i;
const MEDIUM_RE = /\b(?:planning|workshop|kick-?off|retro(?:spective)?|training|talk|keynote|onboarding|offsite|strategy|roadmap)\b/i;
const ROUTINE_RE =
  /\b(?:stand-?up|daily|lunch|coffee|focus(?: time)?|gym|commute|dentist|doctor|haircut|happy hour|drinks|social|walk|yoga|block|busy|hold|reminder|pick ?up|school run|all-hands|all hands|town ?hall|webinar)\b/i;

/** Yes verdicts sit at 0.6 and above, no verdicts at 0.35 and below: the boundary between them. */
const DECISION_THRESHOLD = 0.5;

/** A no verdict; `settled` when a fact decided it (cancelled, declined, past), which no learned preference overturns. */
function no(item: CalendarEventItem, ctx: JudgeContext, confidence: number, reasoning: string, settled = false): GeneratedSuggestion {
  return {
    needsAction: false,
    decisionThreshold: settled ? null : DECISION_THRESHOLD,
    title: clip(item.title || '(untitled event)', 80),
    description: clip(`Calendar event "${item.title || '(untitled)'}"${item.start ? ` at ${item.start}` : ''}.`, 600),
    priority: 'low',
    deadline: null,
    tags: tagsOf('meeting', item.title),
    confidence: roundConfidence(confidence),
    reasoning,
    model: ctx.model,
    flags: [...item.contentFlags],
  };
}

function localLabel(ms: number, zone: Zone): string {
  const w = zone.wallAt(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} (${zone.name})`;
}

function cueWord(text: string, re: RegExp): string {
  return (re.exec(text)?.[0] ?? '').toLowerCase();
}

/** The offline verdict on one calendar event. */
export function judgeCalendarEvent(item: CalendarEventItem, ctx: JudgeContext): GeneratedSuggestion {
  const startMs = item.start ? Date.parse(item.start) : NaN;
  const text = `${item.title}\n${item.description}`;
  const selfAttendee = item.attendees.find((a) => a.self || ctx.self.has(a.address.toLowerCase()));
  const response = item.selfResponse ?? selfAttendee?.responseStatus ?? null;
  const organizerIsSelf =
    (item.organizer !== null && ctx.self.has(item.organizer.address.toLowerCase())) || (selfAttendee?.organizer ?? false);
  const others = item.attendees.filter((a) => !a.self && !ctx.self.has(a.address.toLowerCase())).length;

  if (item.status === 'cancelled') return no(item, ctx, 0.02, 'The event is cancelled.', true);
  if (response === 'declined') return no(item, ctx, 0.03, 'You declined this event.', true);
  if (!Number.isFinite(startMs)) return no(item, ctx, 0.05, 'The event has no start time to prepare for.', true);
  if (startMs <= ctx.now.getTime()) return no(item, ctx, 0.03, 'The event has already started.', true);
  if (ABSENCE_RE.test(item.title) || (item.allDay && ABSENCE_RE.test(text))) {
    return no(item, ctx, 0.03, 'An all-day absence or holiday; nothing to prepare.');
  }

  // One of a crowd at an event someone else runs (a town hall, a conference call for everyone): the
  // organiser prepares; the person is asked nothing unless the event names them.
  const myName = (selfAttendee?.name ?? '').trim().split(/\s+/)[0] ?? '';
  const namesMe = myName.length >= 2 && text.slice(0, 5000).toLowerCase().includes(myName.toLowerCase());
  if (others >= CROWD && !organizerIsSelf && !namesMe) {
    return no(item, ctx, 0.12, `One of ${others} attendees of an event someone else organises; nothing is asked of you to prepare.`);
  }
  const strong = cueWord(text, STRONG_RE);
  const medium = cueWord(text, MEDIUM_RE);
  const routine = ROUTINE_RE.test(item.title);
  let confidence: number;
  let reasoning: string;
  if (strong) {
    confidence = routine ? 0.6 : 0.85;
    reasoning = `Mentions "${strong}", so there is likely something to prepare.`;
  } else if (routine) {
    return no(item, ctx, 0.1, 'A routine event with nothing to prepare.');
  } else if (organizerIsSelf && others >= 1) {
    confidence = others >= 2 ? 0.72 : 0.6;
    reasoning = `You organise this meeting with ${others} other${others === 1 ? '' : 's'}; it likely needs an agenda.`;
  } else if (medium && others >= 1) {
    confidence = 0.62;
    reasoning = `A ${medium} session with others; some preparation is likely.`;
  } else {
    return no(item, ctx, medium ? 0.35 : 0.15, 'Nothing in the event suggests preparation.');
  }

  const prepMs = startMs - ctx.prepTaskHours * HOUR;
  const deadlineMs = prepMs > ctx.now.getTime() ? prepMs : startMs;
  const deadline = new Date(deadlineMs).toISOString();
  const organizer = item.organizer ? item.organizer.name ?? item.organizer.address : null;
  const title = clip(`Prepare for ${item.title || 'the event'}`, 80);
  const details = [
    `${item.title || 'Event'} starts ${localLabel(startMs, ctx.zone)}`,
    item.location ? `at ${item.location}` : null,
    others ? `with ${others} other attendee${others === 1 ? '' : 's'}` : null,
    organizer && !organizerIsSelf ? `organised by ${organizer}` : organizerIsSelf ? 'organised by you' : null,
  ].filter(Boolean);
  const agenda = item.description.trim() ? ` Notes: "${clip(item.description.trim().replace(/\s+/g, ' '), 240)}"` : '';
  return {
    needsAction: true,
    decisionThreshold: DECISION_THRESHOLD,
    title,
    description: clip(`${details.join(', ')}.${agenda}`, 600),
    priority: priorityOf(true, '', deadline, ctx.now),
    deadline,
    tags: tagsOf('meeting', text, { deadline: true }),
    confidence: roundConfidence(confidence),
    reasoning,
    model: ctx.model,
    flags: [...item.contentFlags],
  };
}
