/**
 * Priority, tags and the wording shared by the email, calendar and Slack judges. The sender's
 * importance is unknown offline, so priority rests only on urgency words and deadline proximity.
 */
import type { Priority } from '../../../shared/models';
import type { GeneratedSuggestion } from '../types';

const URGENT_RE = /\b(?:urgent(?:ly)?|asap|a\.s\.a\.p|immediately|right away|emergency|critical|time[- ]sensitive)\b/i;
const TODAY_RE = /\b(?:today|tonight|eod|cob|end of (?:the )?(?:business )?day|close of business|this (?:morning|afternoon|evening)|important)\b/i;
const HOUR = 3_600_000;

/**
 * Priority of a suggestion: urgent for urgency words or a deadline within 4 hours, high for "today"/
 * "EOD" or a deadline within a day (or already past), medium for a deadline within a week or none,
 * low for a far deadline or when nothing needs doing.
 */
export function priorityOf(needsAction: boolean, text: string, deadline: string | null, now: Date): Priority {
  if (!needsAction) return 'low';
  if (URGENT_RE.test(text)) return 'urgent';
  const hours = deadline === null ? null : (Date.parse(deadline) - now.getTime()) / HOUR;
  if (hours !== null && hours <= 4 && hours > 0) return 'urgent';
  if (TODAY_RE.test(text) || (hours !== null && hours <= 24)) return 'high';
  if (hours !== null && hours > 24 * 14) return 'low';
  return 'medium';
}

const KEYWORD_TAGS: Array<[string, RegExp]> = [
  ['review', /\b(?:review|feedback|comments?|proofread|look over|take a look|sign[- ]off)\b/i],
  ['invoice', /\b(?:invoices?|payments?|pay|billing|bills?|overdue|wire|remittance)\b/i],
  ['expenses', /\b(?:expenses?|reimburse(?:ment)?)\b/i],
  ['meeting', /\b(?:meeting|meet|call|1:1|one-on-one|sync|agenda|reschedule|availability|available|calendar)\b/i],
  ['document', /\b(?:docs?|document|report|proposal|deck|slides|spreadsheet|draft|memo|presentation)\b/i],
  ['contract', /\b(?:contract|agreement|nda|docusign|signature|sign)\b/i],
  ['approval', /\b(?:approve|approval|sign-off)\b/i],
  ['hiring', /\b(?:candidate|resume|cv|interview|hiring|offer letter)\b/i],
  ['travel', /\b(?:flight|hotel|travel|trip|itinerary|visa)\b/i],
  ['budget', /\b(?:budget|forecast|numbers|quote|pricing)\b/i],
];

/** A few lower-case keyword tags: the source first, then what the text is about, then urgency. */
export function tagsOf(source: string, text: string, extras: { question?: boolean; deadline?: boolean; urgent?: boolean } = {}): string[] {
  const tags = [source];
  for (const [tag, re] of KEYWORD_TAGS) if (re.test(text) && !tags.includes(tag)) tags.push(tag);
  if (extras.question) tags.push('question');
  if (extras.deadline) tags.push('deadline');
  if (extras.urgent) tags.push('urgent');
  return [...new Set(tags)].slice(0, 5);
}

/** Cuts text to `max` characters on a word boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * One honest sentence naming the cue behind a positive verdict, e.g. "Asks you to review the Q4
 * proposal by Friday." built from the title and the deadline's own words.
 */
export function requestReasoning(title: string, deadlinePhrase: string | null): string {
  const due = deadlinePhrase ? ` ${deadlinePhrase.replace(/^(?!(?:by|before|until|till|due|on|in|within|at|no later)\b)/i, 'by ')}` : '';
  if (title.startsWith('Reply to ') || title.startsWith('Answer ')) return `Asks you something that expects your answer${due}.`;
  return `Asks you to ${clip(lowerFirst(title).replace(/…$/, ''), 70)}${due}.`;
}

/** What a message judge worked out, before priority, tags and flags are derived from it. */
export interface MessageJudgement {
  source: 'email' | 'slack';
  needsAction: boolean;
  title: string;
  description: string;
  deadline: string | null;
  /** The request sentences (or the subject) priority and tags are read from. */
  requestText: string;
  /** Text tags are read from when nothing is asked. */
  fallbackTagText: string;
  /** The best request sentence ends with a question mark. */
  isQuestion: boolean;
  confidence: number;
  /** The message model's threshold for this message, or null when a fact decided (see GeneratedSuggestion). */
  decisionThreshold: number | null;
  reasoning: string;
  model: string;
  now: Date;
  /** The flags the content step raised for the item. */
  contentFlags: readonly string[];
}

/** The verdict of an email or chat message: priority, tags and flags derived the same way for both. */
export function messageVerdict(judgement: MessageJudgement): GeneratedSuggestion {
  const { needsAction, deadline } = judgement;
  const priority = priorityOf(needsAction, judgement.requestText, deadline, judgement.now);
  return {
    needsAction,
    title: judgement.title,
    description: judgement.description,
    priority,
    deadline,
    tags: tagsOf(judgement.source, needsAction ? judgement.requestText : judgement.fallbackTagText, {
      question: needsAction && judgement.isQuestion,
      deadline: deadline !== null,
      urgent: priority === 'urgent',
    }),
    confidence: judgement.confidence,
    decisionThreshold: judgement.decisionThreshold,
    reasoning: judgement.reasoning,
    model: judgement.model,
    flags: [...judgement.contentFlags],
  };
}
